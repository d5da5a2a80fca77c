from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_episode_card.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badges = l_0_time_tag = l_0_link = l_0_episode_card = missing
    try:
        t_1 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    try:
        t_5 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    included_template = environment.get_template('_badges.html', '_episode_card.html')._get_default_module(context)
    l_0_badges = getattr(included_template, 'badges', missing)
    if l_0_badges is missing:
        l_0_badges = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_episode_card.html') does not export the requested name 'badges'", name='badges')
    context.vars['badges'] = l_0_badges
    context.exported_vars.discard('badges')
    included_template = environment.get_template('_time.html', '_episode_card.html')._get_default_module(context)
    l_0_time_tag = getattr(included_template, 'time_tag', missing)
    if l_0_time_tag is missing:
        l_0_time_tag = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_episode_card.html') does not export the requested name 'time_tag'", name='time_tag')
    l_0_link = getattr(included_template, 'link', missing)
    if l_0_link is missing:
        l_0_link = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_episode_card.html') does not export the requested name 'link'", name='link')
    context.vars.update({'time_tag': l_0_time_tag, 'link': l_0_link})
    context.exported_vars.difference_update(('time_tag', 'link'))
    def macro(l_1_view, l_1_heading, l_1_show_latest):
        t_6 = []
        l_1_root = resolve('root')
        l_1__ = resolve('_')
        l_1_ngettext = resolve('ngettext')
        l_1_latest = resolve('latest')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        if l_1_show_latest is missing:
            l_1_show_latest = False
        pass
        t_6.append(
            '<article class="card card-episode',
        )
        if (not environment.getattr(l_1_view, 'is_resolved')):
            pass
            t_6.extend((
                ' card-ongoing impact-',
                environment.escaped(environment.getattr(l_1_view, 'impact')),
            ))
        t_6.extend((
            '">\n<',
            environment.escaped(l_1_heading),
            ' class="card-title"><a href="',
            environment.escaped((undefined(name='root') if l_1_root is missing else l_1_root)),
            environment.escaped(environment.getattr(l_1_view, 'url')),
            '">',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'episode'), 'title')),
            '</a></',
            environment.escaped(l_1_heading),
            '>\n<p class="meta">\n<span class="badge">',
            environment.escaped((environment.messages['Episode'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Episode'))),
            '</span>\n',
            environment.escaped(context.call((undefined(name='badges') if l_0_badges is missing else l_0_badges), l_1_view)),
            '<span><time datetime="',
            environment.escaped(t_1(environment.getattr(environment.getattr(l_1_view, 'episode'), 'declared_at'))),
            '">',
            environment.escaped(t_4(environment.getattr(environment.getattr(l_1_view, 'episode'), 'declared_at'))),
            '</time></span>\n<span>',
            environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d incident', '%(num)d incidents', t_3(environment.getattr(l_1_view, 'incidents')))),
            '</span>\n</p>\n',
        ))
        if environment.getattr(l_1_view, 'monitors'):
            pass
            t_6.extend((
                '<p class="meta affects">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Affects %(services)s', services=t_2(context.eval_ctx, environment.getattr(l_1_view, 'monitors'), ', '))),
                '</p>',
            ))
        if (l_1_show_latest and environment.getattr(l_1_view, 'latest_note')):
            pass
            l_1_latest = environment.getattr(l_1_view, 'latest_note')
            t_6.append(
                '<div class="latest">\n<p class="meta">',
            )
            if environment.getattr(l_1_view, 'latest_note_incident'):
                pass
                t_6.append(
                    environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Latest update on %(incident)s, %(time)s', incident=context.call((undefined(name='link') if l_0_link is missing else l_0_link), markup_join(((undefined(name='root') if l_1_root is missing else l_1_root), environment.getattr(environment.getattr(l_1_view, 'latest_note_incident'), 'url'), )), environment.getattr(environment.getattr(environment.getattr(l_1_view, 'latest_note_incident'), 'incident'), 'title')), time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'at')))),
                )
            else:
                pass
                t_6.append(
                    environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Latest update, %(time)s', time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'at')))),
                )
            t_6.extend((
                '</p>\n<div class="note">',
                environment.escaped(t_5(environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'html'))),
                '</div>\n</div>\n',
            ))
        t_6.append(
            '</article>',
        )
        return concat(t_6)
    context.exported_vars.add('episode_card')
    context.vars['episode_card'] = l_0_episode_card = Macro(environment, macro, 'episode_card', ('view', 'heading', 'show_latest'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=48&4=57&5=73&6=81&8=90&9=92&10=94&11=98&13=101&14=108&15=110&17=114&18=126'
# The default theme's _episode_card.html, compiled by `python -m generator.theme_compile`: do not edit.
