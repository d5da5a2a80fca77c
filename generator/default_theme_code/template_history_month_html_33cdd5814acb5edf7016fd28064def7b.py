from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'history_month.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_incident_card = l_0_episode_card = l_0_maintenance_card = l_0_announcement_card = l_0_follow_link = missing
    pass
    parent_template = environment.get_template('base.html', 'history_month.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_incident_card.html', 'history_month.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'maintenance_card': l_0_maintenance_card})
    l_0_incident_card = getattr(included_template, 'incident_card', missing)
    if l_0_incident_card is missing:
        l_0_incident_card = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'history_month.html') does not export the requested name 'incident_card'", name='incident_card')
    context.vars['incident_card'] = l_0_incident_card
    context.exported_vars.discard('incident_card')
    included_template = environment.get_template('_episode_card.html', 'history_month.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'maintenance_card': l_0_maintenance_card})
    l_0_episode_card = getattr(included_template, 'episode_card', missing)
    if l_0_episode_card is missing:
        l_0_episode_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'history_month.html') does not export the requested name 'episode_card'", name='episode_card')
    context.vars['episode_card'] = l_0_episode_card
    context.exported_vars.discard('episode_card')
    included_template = environment.get_template('_maintenance_card.html', 'history_month.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'maintenance_card': l_0_maintenance_card})
    l_0_maintenance_card = getattr(included_template, 'maintenance_card', missing)
    if l_0_maintenance_card is missing:
        l_0_maintenance_card = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'history_month.html') does not export the requested name 'maintenance_card'", name='maintenance_card')
    context.vars['maintenance_card'] = l_0_maintenance_card
    context.exported_vars.discard('maintenance_card')
    included_template = environment.get_template('_announcement.html', 'history_month.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'maintenance_card': l_0_maintenance_card})
    l_0_announcement_card = getattr(included_template, 'announcement_card', missing)
    if l_0_announcement_card is missing:
        l_0_announcement_card = undefined(f"the template {included_template.__name__!r} (imported on line 5 in 'history_month.html') does not export the requested name 'announcement_card'", name='announcement_card')
    context.vars['announcement_card'] = l_0_announcement_card
    context.exported_vars.discard('announcement_card')
    included_template = environment.get_template('_follow.html', 'history_month.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'maintenance_card': l_0_maintenance_card})
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 6 in 'history_month.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars['follow_link'] = l_0_follow_link
    context.exported_vars.discard('follow_link')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_month = resolve('month')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['month_name']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'month_name' found.")
    pass
    yield environment.escaped(t_1(environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'first_day')))
    yield ' · '
    yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_month = resolve('month')
    try:
        t_1 = environment.filters['month_name']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'month_name' found.")
    pass
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incidents of %(site)s in %(month)s.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), month=t_1(environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'first_day')), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_month = resolve('month')
    l_0_follow_link = resolve('follow_link')
    l_0_root = resolve('root')
    l_0__ = resolve('_')
    l_0_newer = resolve('newer')
    l_0_older = resolve('older')
    l_0_crumb = missing
    try:
        t_1 = environment.filters['month_name']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'month_name' found.")
    pass
    l_0_crumb = t_1(environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'first_day'))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'history_month.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<h1>'
    yield environment.escaped(t_1(environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'first_day')))
    yield '</h1>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'subscribe/', )), _block_vars=_block_vars))
    yield '</p>\n'
    if environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'episodes'):
        pass
        yield '<section aria-labelledby="episodes">\n<h2 id="episodes">'
        yield environment.escaped((environment.messages['Episodes'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Episodes', _block_vars=_block_vars)))
        yield '</h2>\n'
        for l_1_view in environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'episodes'):
            l_1_episode_card = resolve('episode_card')
            _loop_vars = {}
            pass
            yield environment.escaped(context.call((undefined(name='episode_card') if l_1_episode_card is missing else l_1_episode_card), l_1_view, _loop_vars=_loop_vars))
            yield '\n'
        l_1_view = l_1_episode_card = missing
        yield '</section>\n'
    yield '<section aria-labelledby="incidents">\n<h2 id="incidents">'
    yield environment.escaped((environment.messages['Incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incidents', _block_vars=_block_vars)))
    yield '</h2>\n'
    t_2 = 1
    for l_1_view in environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'incidents'):
        l_1_incident_card = resolve('incident_card')
        _loop_vars = {}
        pass
        yield environment.escaped(context.call((undefined(name='incident_card') if l_1_incident_card is missing else l_1_incident_card), l_1_view, _loop_vars=_loop_vars))
        yield '\n'
        t_2 = 0
    l_1_view = l_1_incident_card = missing
    if t_2:
        pass
        yield '<p class="quiet">'
        yield environment.escaped((environment.messages['No incidents reported.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No incidents reported.')))
        yield '</p>\n'
    yield '</section>\n'
    if environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'maintenance'):
        pass
        yield '<section aria-labelledby="maintenance">\n<h2 id="maintenance">'
        yield environment.escaped((environment.messages['Scheduled maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance', _block_vars=_block_vars)))
        yield '</h2>\n'
        for l_1_view in environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'maintenance'):
            l_1_maintenance_card = resolve('maintenance_card')
            _loop_vars = {}
            pass
            yield environment.escaped(context.call((undefined(name='maintenance_card') if l_1_maintenance_card is missing else l_1_maintenance_card), l_1_view, _loop_vars=_loop_vars))
            yield '\n'
        l_1_view = l_1_maintenance_card = missing
        yield '</section>\n'
    if environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'announcements'):
        pass
        yield '<section aria-labelledby="announcements">\n<h2 id="announcements">'
        yield environment.escaped((environment.messages['Announcements'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Announcements', _block_vars=_block_vars)))
        yield '</h2>\n'
        for l_1_view in environment.getattr((undefined(name='month') if l_0_month is missing else l_0_month), 'announcements'):
            l_1_announcement_card = resolve('announcement_card')
            _loop_vars = {}
            pass
            yield environment.escaped(context.call((undefined(name='announcement_card') if l_1_announcement_card is missing else l_1_announcement_card), l_1_view, _loop_vars=_loop_vars))
            yield '\n'
        l_1_view = l_1_announcement_card = missing
        yield '</section>\n'
    if ((undefined(name='newer') if l_0_newer is missing else l_0_newer) or (undefined(name='older') if l_0_older is missing else l_0_older)):
        pass
        yield '<nav class="pager" aria-label="'
        yield environment.escaped((environment.messages['Other months'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Other months', _block_vars=_block_vars)))
        yield '">\n'
        if (undefined(name='newer') if l_0_newer is missing else l_0_newer):
            pass
            yield '<a rel="prev" href="'
            yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
            yield environment.escaped(environment.getattr((undefined(name='newer') if l_0_newer is missing else l_0_newer), 'url'))
            yield '"><span aria-hidden="true">← </span>'
            yield environment.escaped(t_1(environment.getattr((undefined(name='newer') if l_0_newer is missing else l_0_newer), 'first_day')))
            yield '</a>'
        else:
            pass
            yield '<span></span>'
        if (undefined(name='older') if l_0_older is missing else l_0_older):
            pass
            yield '<a rel="next" href="'
            yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
            yield environment.escaped(environment.getattr((undefined(name='older') if l_0_older is missing else l_0_older), 'url'))
            yield '">'
            yield environment.escaped(t_1(environment.getattr((undefined(name='older') if l_0_older is missing else l_0_older), 'first_day')))
            yield '<span aria-hidden="true"> →</span></a>'
        yield '</nav>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=13&2=16&3=22&4=28&5=34&6=40&7=48&8=68&9=87&10=108&11=110&12=117&13=119&14=121&16=124&17=126&18=130&23=135&24=138&25=142&27=149&30=152&32=155&33=157&34=161&38=165&40=168&41=170&42=174&46=178&47=181&48=183&49=194'
# The default theme's history_month.html, compiled by `python -m generator.theme_compile`: do not edit.
