from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_maintenance_card.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_maintenance_badges = l_0_window = l_0_maintenance_card = l_0_maintenance_section = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['starts_in']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'starts_in' found.")
    try:
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    included_template = environment.get_template('_maintenance_macros.html', '_maintenance_card.html').make_module(context.get_all(), True, {'maintenance_badges': l_0_maintenance_badges, 'maintenance_card': l_0_maintenance_card, 'maintenance_section': l_0_maintenance_section, 'window': l_0_window})
    l_0_maintenance_badges = getattr(included_template, 'maintenance_badges', missing)
    if l_0_maintenance_badges is missing:
        l_0_maintenance_badges = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_maintenance_card.html') does not export the requested name 'maintenance_badges'", name='maintenance_badges')
    l_0_window = getattr(included_template, 'window', missing)
    if l_0_window is missing:
        l_0_window = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_maintenance_card.html') does not export the requested name 'window'", name='window')
    context.vars.update({'maintenance_badges': l_0_maintenance_badges, 'window': l_0_window})
    context.exported_vars.difference_update(('maintenance_badges', 'window'))
    def macro(l_1_view, l_1_heading, l_1_show_starts_in):
        t_4 = []
        l_1_root = resolve('root')
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        if l_1_show_starts_in is missing:
            l_1_show_starts_in = False
        pass
        t_4.append(
            '<article class="card card-maintenance',
        )
        if environment.getattr(l_1_view, 'is_ongoing'):
            pass
            t_4.append(
                ' card-ongoing',
            )
        t_4.extend((
            '">\n<',
            environment.escaped(l_1_heading),
            ' class="card-title"><a href="',
            environment.escaped((undefined(name='root') if l_1_root is missing else l_1_root)),
            environment.escaped(environment.getattr(l_1_view, 'url')),
            '">',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'maintenance'), 'title')),
            '</a></',
            environment.escaped(l_1_heading),
            '>\n<p class="meta">\n',
            environment.escaped(context.call((undefined(name='maintenance_badges') if l_0_maintenance_badges is missing else l_0_maintenance_badges), l_1_view)),
            '<span class="window">',
            environment.escaped(context.call((undefined(name='window') if l_0_window is missing else l_0_window), l_1_view)),
            '</span>\n',
        ))
        if (l_1_show_starts_in and environment.getattr(l_1_view, 'is_upcoming')):
            pass
            t_4.extend((
                '<span>',
                environment.escaped(t_2(environment.getattr(l_1_view, 'starts_in'))),
                '</span>\n',
            ))
        t_4.append(
            '</p>\n',
        )
        if environment.getattr(l_1_view, 'services'):
            pass
            t_4.extend((
                '<p class="meta affects">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Affects %(services)s', services=t_1(context.eval_ctx, environment.getattr(l_1_view, 'services'), ', '))),
                '</p>',
            ))
        t_4.append(
            '</article>',
        )
        return concat(t_4)
    context.exported_vars.add('maintenance_card')
    context.vars['maintenance_card'] = l_0_maintenance_card = Macro(environment, macro, 'maintenance_card', ('view', 'heading', 'show_starts_in'), False, False, False, context.eval_ctx.autoescape)
    yield '\n\n'
    def macro(l_1_section_id, l_1_title, l_1_views, l_1_show_starts_in, l_1_caller):
        t_5 = []
        if l_1_section_id is missing:
            l_1_section_id = undefined("parameter 'section_id' was not provided", name='section_id')
        if l_1_title is missing:
            l_1_title = undefined("parameter 'title' was not provided", name='title')
        if l_1_views is missing:
            l_1_views = undefined("parameter 'views' was not provided", name='views')
        if l_1_show_starts_in is missing:
            l_1_show_starts_in = False
        pass
        t_5.extend((
            '<section aria-labelledby="',
            environment.escaped(l_1_section_id),
            '">\n<h2 id="',
            environment.escaped(l_1_section_id),
            '">',
            environment.escaped(l_1_title),
            '</h2>\n',
        ))
        for l_2_view in l_1_views:
            _loop_vars = {}
            pass
            t_5.extend((
                environment.escaped(context.call((undefined(name='maintenance_card') if l_0_maintenance_card is missing else l_0_maintenance_card), l_2_view, show_starts_in=l_1_show_starts_in, _loop_vars=_loop_vars)),
                '\n',
            ))
        l_2_view = missing
        if t_3(l_1_caller):
            pass
            t_5.append(
                environment.escaped(context.call(l_1_caller)),
            )
        t_5.append(
            '</section>\n',
        )
        return concat(t_5)
    context.exported_vars.add('maintenance_section')
    context.vars['maintenance_section'] = l_0_maintenance_section = Macro(environment, macro, 'maintenance_section', ('section_id', 'title', 'views', 'show_starts_in'), False, False, True, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=30&3=39&4=53&5=60&7=69&8=71&9=74&12=84&17=98&18=111&19=113&20=118&21=122&23=126'
# The default theme's _maintenance_card.html, compiled by `python -m generator.theme_compile`: do not edit.
