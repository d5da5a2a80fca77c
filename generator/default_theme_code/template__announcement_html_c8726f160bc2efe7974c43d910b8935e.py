from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_announcement.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_time_tag = l_0_announcement_card = missing
    try:
        t_1 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    try:
        t_2 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    included_template = environment.get_template('_time.html', '_announcement.html')._get_default_module(context)
    l_0_time_tag = getattr(included_template, 'time_tag', missing)
    if l_0_time_tag is missing:
        l_0_time_tag = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_announcement.html') does not export the requested name 'time_tag'", name='time_tag')
    context.vars['time_tag'] = l_0_time_tag
    context.exported_vars.discard('time_tag')
    def macro(l_1_view, l_1_heading, l_1_show_description):
        t_4 = []
        l_1_root = resolve('root')
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        if l_1_show_description is missing:
            l_1_show_description = False
        pass
        t_4.extend((
            '<article class="card announcement">\n<',
            environment.escaped(l_1_heading),
            ' class="card-title"><a href="',
            environment.escaped((undefined(name='root') if l_1_root is missing else l_1_root)),
            environment.escaped(environment.getattr(l_1_view, 'url')),
            '">',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'announcement'), 'title')),
            '</a></',
            environment.escaped(l_1_heading),
            '>\n<p class="meta"><span class="badge maintenance">',
            environment.escaped((environment.messages['Announcement'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Announcement'))),
            '</span> <span><time datetime="',
            environment.escaped(t_1(environment.getattr(environment.getattr(l_1_view, 'announcement'), 'show_at'))),
            '">',
            environment.escaped(t_2(environment.getattr(environment.getattr(l_1_view, 'announcement'), 'show_at'))),
            '</time></span>',
        ))
        if (environment.getattr(environment.getattr(l_1_view, 'announcement'), 'end_at') and (not environment.getattr(l_1_view, 'is_active'))):
            pass
            t_4.extend((
                ' <span>',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'ended %(time)s', time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), environment.getattr(environment.getattr(l_1_view, 'announcement'), 'end_at')))),
                '</span>',
            ))
        t_4.append(
            '</p>\n',
        )
        if (l_1_show_description and environment.getattr(environment.getattr(l_1_view, 'announcement'), 'description')):
            pass
            t_4.extend((
                '<div class="note">',
                environment.escaped(t_3(environment.getattr(l_1_view, 'card_html'))),
                '</div>',
            ))
        t_4.append(
            '</article>',
        )
        return concat(t_4)
    context.exported_vars.add('announcement_card')
    context.vars['announcement_card'] = l_0_announcement_card = Macro(environment, macro, 'announcement_card', ('view', 'heading', 'show_description'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=30&3=36&5=49&6=58&7=75'
# The default theme's _announcement.html, compiled by `python -m generator.theme_compile`: do not edit.
