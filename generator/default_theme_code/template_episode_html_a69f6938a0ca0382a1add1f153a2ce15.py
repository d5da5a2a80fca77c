from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'episode.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_episode = resolve('episode')
    l_0_badges = l_0_incident_card = l_0_follow = l_0_follow_link = l_0_view = missing
    pass
    parent_template = environment.get_template('base.html', 'episode.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_badges.html', 'episode.html')._get_default_module(context)
    l_0_badges = getattr(included_template, 'badges', missing)
    if l_0_badges is missing:
        l_0_badges = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'episode.html') does not export the requested name 'badges'", name='badges')
    context.vars['badges'] = l_0_badges
    context.exported_vars.discard('badges')
    included_template = environment.get_template('_incident_card.html', 'episode.html').make_module(context.get_all(), True, {'badges': l_0_badges, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'view': l_0_view})
    l_0_incident_card = getattr(included_template, 'incident_card', missing)
    if l_0_incident_card is missing:
        l_0_incident_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'episode.html') does not export the requested name 'incident_card'", name='incident_card')
    context.vars['incident_card'] = l_0_incident_card
    context.exported_vars.discard('incident_card')
    included_template = environment.get_template('_follow.html', 'episode.html').make_module(context.get_all(), True, {'badges': l_0_badges, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'view': l_0_view})
    l_0_follow = getattr(included_template, 'follow', missing)
    if l_0_follow is missing:
        l_0_follow = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'episode.html') does not export the requested name 'follow'", name='follow')
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'episode.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars.update({'follow': l_0_follow, 'follow_link': l_0_follow_link})
    context.exported_vars.difference_update(('follow', 'follow_link'))
    l_0_view = (undefined(name='episode') if l_0_episode is missing else l_0_episode)
    context.vars['view'] = l_0_view
    context.exported_vars.add('view')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    l_0_site = resolve('site')
    pass
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episode'), 'title'))
    yield ' · '
    yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    pass
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'state'), 'name'))
    yield ': '
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episode'), 'title'))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    l_0__ = resolve('_')
    l_0_badges = resolve('badges')
    l_0_follow_link = resolve('follow_link')
    l_0_follow = resolve('follow')
    l_0_crumb = missing
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
    l_0_crumb = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'label')
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'episode.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<article class="episode">\n<header class="page-head">\n<h1>'
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episode'), 'title'))
    yield '</h1>\n<p class="meta"><span class="badge">'
    yield environment.escaped((environment.messages['Episode'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Episode', _block_vars=_block_vars)))
    yield '</span> '
    yield environment.escaped(context.call((undefined(name='badges') if l_0_badges is missing else l_0_badges), (undefined(name='view') if l_0_view is missing else l_0_view), _block_vars=_block_vars))
    yield ' '
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), '#follow', _block_vars=_block_vars))
    yield '</p>\n</header>\n<dl class="facts">\n<div><dt>'
    yield environment.escaped((environment.messages['Declared'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Declared', _block_vars=_block_vars)))
    yield '</dt><dd><time datetime="'
    yield environment.escaped(t_2(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episode'), 'declared_at')))
    yield '">'
    yield environment.escaped(t_4(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episode'), 'declared_at')))
    yield '</time></dd></div>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'resolved_at'):
        pass
        yield '<div><dt>'
        yield environment.escaped((environment.messages['Resolved'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Resolved', _block_vars=_block_vars)))
        yield '</dt><dd><time datetime="'
        yield environment.escaped(t_2(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'resolved_at')))
        yield '">'
        yield environment.escaped(t_4(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'resolved_at')))
        yield '</time></dd></div>\n'
    yield '<div><dt>'
    yield environment.escaped((environment.messages['Duration'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Duration', _block_vars=_block_vars)))
    yield '</dt><dd>'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'is_resolved'):
        pass
        yield environment.escaped(t_1(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'duration')))
    else:
        pass
        yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), '%(duration)s so far', duration=t_1(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'duration')), _block_vars=_block_vars))
    yield '</dd></div>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'monitors'):
        pass
        yield '<div><dt>'
        yield environment.escaped((environment.messages['Affected'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Affected', _block_vars=_block_vars)))
        yield '</dt><dd>'
        yield environment.escaped(t_3(context.eval_ctx, environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'monitors'), ', '))
        yield '</dd></div>\n'
    yield '</dl>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'description_html'):
        pass
        yield '<div class="note description">'
        yield environment.escaped(t_5(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'description_html')))
        yield '</div>'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'timeline'):
        pass
        yield '<section aria-labelledby="updates">\n<h2 id="updates">'
        yield environment.escaped((environment.messages['Updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Updates', _block_vars=_block_vars)))
        yield '</h2>\n'
        template = environment.get_template('_timeline.html', 'episode.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</section>\n'
    yield '<section aria-labelledby="members">\n<h2 id="members">'
    yield environment.escaped((environment.messages['Incidents in this episode'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incidents in this episode', _block_vars=_block_vars)))
    yield '</h2>\n'
    t_6 = 1
    for l_1_member in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'incidents'):
        l_1_incident_card = resolve('incident_card')
        _loop_vars = {}
        pass
        yield environment.escaped(context.call((undefined(name='incident_card') if l_1_incident_card is missing else l_1_incident_card), l_1_member, show_latest=(not environment.getattr(l_1_member, 'is_resolved')), show_declared=False, show_update_count=True, show_state_path=True, _loop_vars=_loop_vars))
        yield '\n'
        t_6 = 0
    l_1_member = l_1_incident_card = missing
    if t_6:
        pass
        yield '<p class="quiet">'
        yield environment.escaped((environment.messages['No public incidents.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No public incidents.')))
        yield '</p>\n'
    yield '</section>\n'
    yield environment.escaped(context.call((undefined(name='follow') if l_0_follow is missing else l_0_follow), (environment.messages['every update of this episode and of its incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'every update of this episode and of its incidents', _block_vars=_block_vars)), _block_vars=_block_vars))
    yield '\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=14&2=17&3=23&4=29&5=38&6=43&7=57&8=70&9=114&10=116&13=123&14=125&17=131&18=137&20=147&21=156&24=164&25=169&27=172&28=174&32=182&33=185&34=189&36=196&39=199'
# The default theme's episode.html, compiled by `python -m generator.theme_compile`: do not edit.
