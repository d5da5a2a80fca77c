from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_maintenance_macros.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_maintenance_badges = l_0_window = l_0_starts_in = missing
    try:
        t_1 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    try:
        t_2 = environment.filters['local_clock']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'local_clock' found.")
    try:
        t_3 = environment.filters['local_date']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'local_date' found.")
    try:
        t_4 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    try:
        t_5 = environment.filters['starts_in']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'starts_in' found.")
    pass
    def macro(l_1_view):
        t_6 = []
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        t_6.extend((
            '<span class="badge maintenance">',
            environment.escaped((environment.messages['Maintenance'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Maintenance'))),
            '</span>\n',
        ))
        if environment.getattr(l_1_view, 'is_cancelled'):
            pass
            t_6.extend((
                '<span class="badge cancelled">',
                environment.escaped((environment.messages['Cancelled'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Cancelled'))),
                '</span>\n',
            ))
        else:
            pass
            t_6.extend((
                '<span class="badge ',
                environment.escaped(('state-resolved' if environment.getattr(l_1_view, 'is_ended') else 'state-open')),
                '"><span class="vh">',
                environment.escaped((environment.messages['State:'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'State:'))),
                ' </span>',
                environment.escaped(environment.getattr(environment.getattr(l_1_view, 'state'), 'name')),
                '</span>\n',
            ))
        return concat(t_6)
    context.exported_vars.add('maintenance_badges')
    context.vars['maintenance_badges'] = l_0_maintenance_badges = Macro(environment, macro, 'maintenance_badges', ('view',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view):
        t_7 = []
        l_1__ = resolve('_')
        l_1_event = l_1_start = l_1_end = missing
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        l_1_event = environment.getattr(l_1_view, 'maintenance')
        t_8 = []
        pass
        t_8.extend((
            '<time datetime="',
            environment.escaped(t_1(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'starts_at'))),
            '">',
            environment.escaped(t_4(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'starts_at'))),
            '</time>',
        ))
        l_1_start = (Markup if context.eval_ctx.autoescape else identity)(concat(t_8))
        t_9 = []
        pass
        t_9.extend((
            '<time datetime="',
            environment.escaped(t_1(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'ends_at'))),
            '">',
        ))
        if (t_3(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'ends_at')) == t_3(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'starts_at'))):
            pass
            t_9.append(
                environment.escaped(t_2(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'ends_at'))),
            )
        else:
            pass
            t_9.append(
                environment.escaped(t_4(environment.getattr((undefined(name='event') if l_1_event is missing else l_1_event), 'ends_at'))),
            )
        t_9.append(
            '</time>',
        )
        l_1_end = (Markup if context.eval_ctx.autoescape else identity)(concat(t_9))
        t_7.append(
            environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), '%(start)s to %(end)s', start=(undefined(name='start') if l_1_start is missing else l_1_start), end=(undefined(name='end') if l_1_end is missing else l_1_end))),
        )
        return concat(t_7)
    context.exported_vars.add('window')
    context.vars['window'] = l_0_window = Macro(environment, macro, 'window', ('view',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_span):
        t_10 = []
        if l_1_span is missing:
            l_1_span = undefined("parameter 'span' was not provided", name='span')
        pass
        t_10.append(
            environment.escaped(t_5(l_1_span)),
        )
        return concat(t_10)
    context.exported_vars.add('starts_in')
    context.vars['starts_in'] = l_0_starts_in = Macro(environment, macro, 'starts_in', ('span',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=50&4=53&5=64&9=75&10=82&11=87&12=97&13=115&16=121&17=127'
# The default theme's _maintenance_macros.html, compiled by `python -m generator.theme_compile`: do not edit.
