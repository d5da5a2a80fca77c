from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_incident_card.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badges = l_0_state_path = l_0_time_tag = l_0_incident_card = missing
    try:
        t_1 = environment.filters['duration']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'duration' found.")
    try:
        t_2 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_5 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    try:
        t_6 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    included_template = environment.get_template('_badges.html', '_incident_card.html')._get_default_module(context)
    l_0_badges = getattr(included_template, 'badges', missing)
    if l_0_badges is missing:
        l_0_badges = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_incident_card.html') does not export the requested name 'badges'", name='badges')
    context.vars['badges'] = l_0_badges
    context.exported_vars.discard('badges')
    included_template = environment.get_template('_state_path.html', '_incident_card.html')._get_default_module(context)
    l_0_state_path = getattr(included_template, 'state_path', missing)
    if l_0_state_path is missing:
        l_0_state_path = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_incident_card.html') does not export the requested name 'state_path'", name='state_path')
    context.vars['state_path'] = l_0_state_path
    context.exported_vars.discard('state_path')
    included_template = environment.get_template('_time.html', '_incident_card.html')._get_default_module(context)
    l_0_time_tag = getattr(included_template, 'time_tag', missing)
    if l_0_time_tag is missing:
        l_0_time_tag = undefined(f"the template {included_template.__name__!r} (imported on line 4 in '_incident_card.html') does not export the requested name 'time_tag'", name='time_tag')
    context.vars['time_tag'] = l_0_time_tag
    context.exported_vars.discard('time_tag')
    def macro(l_1_view, l_1_heading, l_1_show_latest, l_1_show_declared, l_1_show_update_count, l_1_show_state_path):
        t_7 = []
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
        if l_1_show_declared is missing:
            l_1_show_declared = True
        if l_1_show_update_count is missing:
            l_1_show_update_count = False
        if l_1_show_state_path is missing:
            l_1_show_state_path = False
        pass
        t_7.append(
            '<article class="card',
        )
        if (not environment.getattr(l_1_view, 'is_resolved')):
            pass
            t_7.extend((
                ' card-ongoing impact-',
                environment.escaped(environment.getattr(l_1_view, 'impact')),
            ))
        t_7.extend((
            '">\n<',
            environment.escaped(l_1_heading),
            ' class="card-title"><a href="',
            environment.escaped((undefined(name='root') if l_1_root is missing else l_1_root)),
            environment.escaped(environment.getattr(l_1_view, 'url')),
            '">',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'incident'), 'title')),
            '</a></',
            environment.escaped(l_1_heading),
            '>\n<p class="meta">\n',
            environment.escaped(context.call((undefined(name='badges') if l_0_badges is missing else l_0_badges), l_1_view)),
        ))
        if l_1_show_declared:
            pass
            t_7.extend((
                '<span><time datetime="',
                environment.escaped(t_2(environment.getattr(environment.getattr(l_1_view, 'incident'), 'declared_at'))),
                '">',
                environment.escaped(t_5(environment.getattr(environment.getattr(l_1_view, 'incident'), 'declared_at'))),
                '</time></span>\n',
            ))
        t_7.append(
            '<span>',
        )
        if environment.getattr(l_1_view, 'is_resolved'):
            pass
            t_7.append(
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'lasted %(duration)s', duration=t_1(environment.getattr(l_1_view, 'duration')))),
            )
        else:
            pass
            t_7.append(
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'ongoing for %(duration)s', duration=t_1(environment.getattr(l_1_view, 'duration')))),
            )
        t_7.append(
            '</span>\n',
        )
        if l_1_show_update_count:
            pass
            t_7.extend((
                '<span>',
                environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d update', '%(num)d updates', t_4(environment.getattr(l_1_view, 'timeline')))),
                '</span>\n',
            ))
        t_7.append(
            '</p>\n',
        )
        if environment.getattr(l_1_view, 'monitors'):
            pass
            t_7.extend((
                '<p class="meta affects">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Affects %(services)s', services=t_3(context.eval_ctx, environment.getattr(l_1_view, 'monitors'), ', '))),
                '</p>',
            ))
        if l_1_show_state_path:
            pass
            t_7.append(
                environment.escaped(context.call((undefined(name='state_path') if l_0_state_path is missing else l_0_state_path), l_1_view)),
            )
        if (l_1_show_latest and environment.getattr(l_1_view, 'latest_note')):
            pass
            l_1_latest = environment.getattr(l_1_view, 'latest_note')
            t_7.extend((
                '<div class="latest">\n<p class="meta">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Latest update, %(time)s', time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'at')))),
                '</p>\n<div class="note">',
                environment.escaped(t_6(environment.getattr((undefined(name='latest') if l_1_latest is missing else l_1_latest), 'html'))),
                '</div>\n</div>\n',
            ))
        t_7.append(
            '</article>',
        )
        return concat(t_7)
    context.exported_vars.add('incident_card')
    context.vars['incident_card'] = l_0_incident_card = Macro(environment, macro, 'incident_card', ('view', 'heading', 'show_latest', 'show_declared', 'show_update_count', 'show_state_path'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=48&3=54&4=60&5=66&6=88&7=96&9=105&10=107&12=119&13=132&16=142&17=149&18=154&19=156&21=159&22=161'
# The default theme's _incident_card.html, compiled by `python -m generator.theme_compile`: do not edit.
