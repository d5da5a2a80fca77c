from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_incident_card = l_0_episode_card = l_0_maintenance_section = l_0_announcement_card = l_0_ongoing_lists = missing
    pass
    parent_template = environment.get_template('base.html', 'index.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_incident_card.html', 'index.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'maintenance_section': l_0_maintenance_section, 'ongoing_lists': l_0_ongoing_lists})
    l_0_incident_card = getattr(included_template, 'incident_card', missing)
    if l_0_incident_card is missing:
        l_0_incident_card = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'index.html') does not export the requested name 'incident_card'", name='incident_card')
    context.vars['incident_card'] = l_0_incident_card
    context.exported_vars.discard('incident_card')
    included_template = environment.get_template('_episode_card.html', 'index.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'maintenance_section': l_0_maintenance_section, 'ongoing_lists': l_0_ongoing_lists})
    l_0_episode_card = getattr(included_template, 'episode_card', missing)
    if l_0_episode_card is missing:
        l_0_episode_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'index.html') does not export the requested name 'episode_card'", name='episode_card')
    context.vars['episode_card'] = l_0_episode_card
    context.exported_vars.discard('episode_card')
    included_template = environment.get_template('_maintenance_card.html', 'index.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'maintenance_section': l_0_maintenance_section, 'ongoing_lists': l_0_ongoing_lists})
    l_0_maintenance_section = getattr(included_template, 'maintenance_section', missing)
    if l_0_maintenance_section is missing:
        l_0_maintenance_section = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'index.html') does not export the requested name 'maintenance_section'", name='maintenance_section')
    context.vars['maintenance_section'] = l_0_maintenance_section
    context.exported_vars.discard('maintenance_section')
    included_template = environment.get_template('_announcement.html', 'index.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'maintenance_section': l_0_maintenance_section, 'ongoing_lists': l_0_ongoing_lists})
    l_0_announcement_card = getattr(included_template, 'announcement_card', missing)
    if l_0_announcement_card is missing:
        l_0_announcement_card = undefined(f"the template {included_template.__name__!r} (imported on line 5 in 'index.html') does not export the requested name 'announcement_card'", name='announcement_card')
    context.vars['announcement_card'] = l_0_announcement_card
    context.exported_vars.discard('announcement_card')
    included_template = environment.get_template('_ongoing.html', 'index.html').make_module(context.get_all(), True, {'announcement_card': l_0_announcement_card, 'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'maintenance_section': l_0_maintenance_section, 'ongoing_lists': l_0_ongoing_lists})
    l_0_ongoing_lists = getattr(included_template, 'ongoing_lists', missing)
    if l_0_ongoing_lists is missing:
        l_0_ongoing_lists = undefined(f"the template {included_template.__name__!r} (imported on line 6 in 'index.html') does not export the requested name 'ongoing_lists'", name='ongoing_lists')
    context.vars['ongoing_lists'] = l_0_ongoing_lists
    context.exported_vars.discard('ongoing_lists')
    yield from parent_template.root_render_func(context)

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('_live_head.html', 'index.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_announcements = resolve('announcements')
    l_0__ = resolve('_')
    l_0_service_list = resolve('service_list')
    l_0_ongoing_lists = resolve('ongoing_lists')
    l_0_ongoing_episodes = resolve('ongoing_episodes')
    l_0_ongoing_incidents = resolve('ongoing_incidents')
    l_0_more_ongoing = resolve('more_ongoing')
    l_0_root = resolve('root')
    l_0_ongoing_maintenance = resolve('ongoing_maintenance')
    l_0_maintenance_section = resolve('maintenance_section')
    l_0_upcoming_maintenance = resolve('upcoming_maintenance')
    l_0_site = resolve('site')
    l_0_ngettext = resolve('ngettext')
    l_0_days = resolve('days')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_3 = environment.filters['short_date']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'short_date' found.")
    pass
    template = environment.get_template('_banner.html', 'index.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (undefined(name='announcements') if l_0_announcements is missing else l_0_announcements):
        pass
        yield '<section aria-labelledby="announcements">\n<h2 id="announcements">'
        yield environment.escaped((environment.messages['Announcements'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Announcements', _block_vars=_block_vars)))
        yield '</h2>\n'
        for l_1_view in (undefined(name='announcements') if l_0_announcements is missing else l_0_announcements):
            l_1_announcement_card = resolve('announcement_card')
            _loop_vars = {}
            pass
            yield environment.escaped(context.call((undefined(name='announcement_card') if l_1_announcement_card is missing else l_1_announcement_card), l_1_view, show_description=True, _loop_vars=_loop_vars))
            yield '\n'
        l_1_view = l_1_announcement_card = missing
        yield '</section>\n'
    if (undefined(name='service_list') if l_0_service_list is missing else l_0_service_list):
        pass
        template = environment.get_template('_services.html', 'index.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    if ((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list) and environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'overview')):
        pass
        yield '<div class="note overview">'
        yield environment.escaped(t_2(environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'overview_html')))
        yield '</div>\n'
    yield environment.escaped(context.call((undefined(name='ongoing_lists') if l_0_ongoing_lists is missing else l_0_ongoing_lists), (undefined(name='ongoing_episodes') if l_0_ongoing_episodes is missing else l_0_ongoing_episodes), (undefined(name='ongoing_incidents') if l_0_ongoing_incidents is missing else l_0_ongoing_incidents), (undefined(name='more_ongoing') if l_0_more_ongoing is missing else l_0_more_ongoing), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'ongoing/', )), _block_vars=_block_vars))
    yield '\n'
    if (undefined(name='ongoing_maintenance') if l_0_ongoing_maintenance is missing else l_0_ongoing_maintenance):
        pass
        yield environment.escaped(context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'under-maintenance', (environment.messages['Under maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Under maintenance', _block_vars=_block_vars)), (undefined(name='ongoing_maintenance') if l_0_ongoing_maintenance is missing else l_0_ongoing_maintenance), _block_vars=_block_vars))
    if (undefined(name='upcoming_maintenance') if l_0_upcoming_maintenance is missing else l_0_upcoming_maintenance):
        pass
        def macro():
            t_4 = []
            pass
            if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
                pass
                t_4.extend((
                    '<p class="more"><a href="',
                    environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root)),
                    'maintenance.ics">',
                    environment.escaped((environment.messages['Add scheduled maintenance to your calendar'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Add scheduled maintenance to your calendar'))),
                    '</a></p>',
                ))
            return concat(t_4)
        caller = Macro(environment, macro, None, (), False, False, False, context.eval_ctx.autoescape)
        yield context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'scheduled-maintenance', (environment.messages['Scheduled maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance', _block_vars=_block_vars)), (undefined(name='upcoming_maintenance') if l_0_upcoming_maintenance is missing else l_0_upcoming_maintenance), show_starts_in=True, caller=caller, _block_vars=_block_vars)
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'show_incidents'):
        pass
        yield '<section aria-labelledby="recent">\n<h2 id="recent">'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), 'Past %(num)d day', 'Past %(num)d days', t_1((undefined(name='days') if l_0_days is missing else l_0_days)), _block_vars=_block_vars))
        yield '</h2>\n<div class="days">\n'
        for l_1_day in (undefined(name='days') if l_0_days is missing else l_0_days):
            _loop_vars = {}
            pass
            yield '<div class="day">\n<h3 class="day-title"><time datetime="'
            yield environment.escaped(context.call(environment.getattr(environment.getattr(l_1_day, 'day'), 'isoformat'), _loop_vars=_loop_vars))
            yield '">'
            yield environment.escaped(t_3(environment.getattr(l_1_day, 'day')))
            yield '</time></h3>\n<div class="day-body">\n'
            t_5 = 1
            for l_2_view in environment.getattr(l_1_day, 'incidents'):
                l_2_incident_card = resolve('incident_card')
                _loop_vars = {}
                pass
                yield environment.escaped(context.call((undefined(name='incident_card') if l_2_incident_card is missing else l_2_incident_card), l_2_view, heading='h4', _loop_vars=_loop_vars))
                yield '\n'
                t_5 = 0
            l_2_view = l_2_incident_card = missing
            if t_5:
                pass
                yield '<p class="quiet">'
                yield environment.escaped((environment.messages['No incidents reported.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No incidents reported.')))
                yield '</p>\n'
            if environment.getattr(l_1_day, 'more'):
                pass
                yield '<p class="more"><a href="'
                yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
                yield environment.escaped(environment.getattr(l_1_day, 'month_url'))
                yield '">'
                yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), 'and %(num)d more that day', 'and %(num)d more that day', environment.getattr(l_1_day, 'more'), _loop_vars=_loop_vars))
                yield '</a></p>\n'
            yield '</div>\n</div>\n'
        l_1_day = missing
        yield '</div>\n<p class="more"><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'history/">'
        yield environment.escaped((environment.messages['Full incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Full incident history', _block_vars=_block_vars)))
        yield '</a></p>\n</section>\n'

blocks = {'head': block_head, 'content': block_content}
debug_info = '1=13&2=16&3=22&4=28&5=34&6=40&7=48&8=63&9=103&10=109&12=112&13=114&14=118&18=122&19=130&21=135&22=137&23=140&24=142&25=145&24=156&28=157&30=160&32=162&34=166&36=171&37=175&39=182&41=184&47=195'
# The default theme's index.html, compiled by `python -m generator.theme_compile`: do not edit.
