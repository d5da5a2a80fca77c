from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'service.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_service_recent = resolve('service_recent')
    l_0_level = l_0_status_line = l_0_swatch = l_0_link = l_0_strong = l_0_incident_card = l_0_episode_card = l_0_maintenance_section = l_0_follow = l_0_follow_link = l_0_view = missing
    pass
    parent_template = environment.get_template('base.html', 'service.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_service_macros.html', 'service.html')._get_default_module(context)
    l_0_level = getattr(included_template, 'level', missing)
    if l_0_level is missing:
        l_0_level = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'service.html') does not export the requested name 'level'", name='level')
    l_0_status_line = getattr(included_template, 'status_line', missing)
    if l_0_status_line is missing:
        l_0_status_line = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'service.html') does not export the requested name 'status_line'", name='status_line')
    l_0_swatch = getattr(included_template, 'swatch', missing)
    if l_0_swatch is missing:
        l_0_swatch = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'service.html') does not export the requested name 'swatch'", name='swatch')
    context.vars.update({'level': l_0_level, 'status_line': l_0_status_line, 'swatch': l_0_swatch})
    context.exported_vars.difference_update(('level', 'status_line', 'swatch'))
    included_template = environment.get_template('_time.html', 'service.html')._get_default_module(context)
    l_0_link = getattr(included_template, 'link', missing)
    if l_0_link is missing:
        l_0_link = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'service.html') does not export the requested name 'link'", name='link')
    l_0_strong = getattr(included_template, 'strong', missing)
    if l_0_strong is missing:
        l_0_strong = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'service.html') does not export the requested name 'strong'", name='strong')
    context.vars.update({'link': l_0_link, 'strong': l_0_strong})
    context.exported_vars.difference_update(('link', 'strong'))
    included_template = environment.get_template('_incident_card.html', 'service.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'level': l_0_level, 'link': l_0_link, 'maintenance_section': l_0_maintenance_section, 'status_line': l_0_status_line, 'strong': l_0_strong, 'swatch': l_0_swatch, 'view': l_0_view})
    l_0_incident_card = getattr(included_template, 'incident_card', missing)
    if l_0_incident_card is missing:
        l_0_incident_card = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'service.html') does not export the requested name 'incident_card'", name='incident_card')
    context.vars['incident_card'] = l_0_incident_card
    context.exported_vars.discard('incident_card')
    included_template = environment.get_template('_episode_card.html', 'service.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'level': l_0_level, 'link': l_0_link, 'maintenance_section': l_0_maintenance_section, 'status_line': l_0_status_line, 'strong': l_0_strong, 'swatch': l_0_swatch, 'view': l_0_view})
    l_0_episode_card = getattr(included_template, 'episode_card', missing)
    if l_0_episode_card is missing:
        l_0_episode_card = undefined(f"the template {included_template.__name__!r} (imported on line 5 in 'service.html') does not export the requested name 'episode_card'", name='episode_card')
    context.vars['episode_card'] = l_0_episode_card
    context.exported_vars.discard('episode_card')
    included_template = environment.get_template('_maintenance_card.html', 'service.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'level': l_0_level, 'link': l_0_link, 'maintenance_section': l_0_maintenance_section, 'status_line': l_0_status_line, 'strong': l_0_strong, 'swatch': l_0_swatch, 'view': l_0_view})
    l_0_maintenance_section = getattr(included_template, 'maintenance_section', missing)
    if l_0_maintenance_section is missing:
        l_0_maintenance_section = undefined(f"the template {included_template.__name__!r} (imported on line 6 in 'service.html') does not export the requested name 'maintenance_section'", name='maintenance_section')
    context.vars['maintenance_section'] = l_0_maintenance_section
    context.exported_vars.discard('maintenance_section')
    included_template = environment.get_template('_follow.html', 'service.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'follow': l_0_follow, 'follow_link': l_0_follow_link, 'incident_card': l_0_incident_card, 'level': l_0_level, 'link': l_0_link, 'maintenance_section': l_0_maintenance_section, 'status_line': l_0_status_line, 'strong': l_0_strong, 'swatch': l_0_swatch, 'view': l_0_view})
    l_0_follow = getattr(included_template, 'follow', missing)
    if l_0_follow is missing:
        l_0_follow = undefined(f"the template {included_template.__name__!r} (imported on line 7 in 'service.html') does not export the requested name 'follow'", name='follow')
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 7 in 'service.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars.update({'follow': l_0_follow, 'follow_link': l_0_follow_link})
    context.exported_vars.difference_update(('follow', 'follow_link'))
    l_0_view = (undefined(name='service_recent') if l_0_service_recent is missing else l_0_service_recent)
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
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'))
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
    l_0__ = resolve('_')
    pass
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'))
    yield ': '
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current'), 'name'))
    yield '. '
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Uptime and incidents of %(service)s.', service=environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_root = resolve('root')
    l_0_view = resolve('view')
    l_0_status_line = resolve('status_line')
    l_0_follow_link = resolve('follow_link')
    l_0_maintenance_section = resolve('maintenance_section')
    l_0_ngettext = resolve('ngettext')
    l_0_uptime_days = resolve('uptime_days')
    l_0_strong = resolve('strong')
    l_0_link = resolve('link')
    l_0_follow = resolve('follow')
    try:
        t_1 = environment.filters['month_name']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'month_name' found.")
    try:
        t_2 = environment.filters['percent']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'percent' found.")
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<nav class="crumbs" aria-label="'
    yield environment.escaped((environment.messages['Breadcrumb'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Breadcrumb', _block_vars=_block_vars)))
    yield '">\n<ol>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '">'
    yield environment.escaped((environment.messages['Status'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status', _block_vars=_block_vars)))
    yield '</a></li>\n<li aria-current="page">'
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'))
    yield '</li>\n</ol>\n</nav>\n<article class="service-page">\n<header class="page-head">\n<h1>'
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'))
    yield '</h1>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='status_line') if l_0_status_line is missing else l_0_status_line), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'current'), _block_vars=_block_vars))
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'under_maintenance'):
        pass
        yield ' <span class="badge maintenance">'
        yield environment.escaped((environment.messages['Under maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Under maintenance', _block_vars=_block_vars)))
        yield '</span>'
    yield ' '
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), '#follow', _block_vars=_block_vars))
    yield '</p>\n</header>\n'
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'description'):
        pass
        yield '<div class="note description">'
        yield environment.escaped(t_3(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'description_html')))
        yield '</div>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'):
        pass
        def macro():
            t_5 = []
            l_1_site = resolve('site')
            pass
            if environment.getattr((undefined(name='site') if l_1_site is missing else l_1_site), 'base_url'):
                pass
                t_5.extend((
                    '<p class="more"><a href="maintenance.ics">',
                    environment.escaped((environment.messages["Add this service's maintenance to your calendar"] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), "Add this service's maintenance to your calendar"))),
                    '</a></p>',
                ))
            return concat(t_5)
        caller = Macro(environment, macro, None, (), False, False, False, context.eval_ctx.autoescape)
        yield context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'maintenance', (environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance', _block_vars=_block_vars)), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'), show_starts_in=True, caller=caller, _block_vars=_block_vars)
    yield '<section aria-labelledby="uptime">\n<h2 id="uptime">'
    yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), 'Past %(num)d day', 'Past %(num)d days', (undefined(name='uptime_days') if l_0_uptime_days is missing else l_0_uptime_days), _block_vars=_block_vars))
    yield '</h2>\n'
    if (not t_4(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'uptime'))):
        pass
        yield '<p class="uptime-total">'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(percent)s uptime over the past %(num)d day', '%(percent)s uptime over the past %(num)d days', (undefined(name='uptime_days') if l_0_uptime_days is missing else l_0_uptime_days), percent=context.call((undefined(name='strong') if l_0_strong is missing else l_0_strong), t_2(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'uptime')), _block_vars=_block_vars), _block_vars=_block_vars))
        yield '</p>\n'
    t_6 = 1
    for l_1_month in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'calendar'):
        l_1_weekdays = resolve('weekdays')
        _loop_vars = {}
        pass
        yield '<table class="calendar">\n<caption>'
        yield environment.escaped(t_1(environment.getattr(l_1_month, 'first_day')))
        yield '</caption>\n<thead><tr>'
        for (l_2_short, l_2_long) in (undefined(name='weekdays') if l_1_weekdays is missing else l_1_weekdays):
            _loop_vars = {}
            pass
            yield '<th scope="col" abbr="'
            yield environment.escaped(l_2_long)
            yield '">'
            yield environment.escaped(l_2_short)
            yield '</th>'
        l_2_short = l_2_long = missing
        yield '</tr></thead>\n<tbody>\n'
        for l_2_week in environment.getattr(l_1_month, 'weeks'):
            _loop_vars = {}
            pass
            yield '<tr>'
            for l_3_day in l_2_week:
                l_3_level = resolve('level')
                l_3_swatch = resolve('swatch')
                _loop_vars = {}
                pass
                if l_3_day:
                    pass
                    yield '<td class="cal-day'
                    yield environment.escaped(context.call((undefined(name='level') if l_3_level is missing else l_3_level), l_3_day, _loop_vars=_loop_vars))
                    yield '"><span aria-hidden="true">'
                    yield environment.escaped(environment.getattr(environment.getattr(l_3_day, 'first'), 'day'))
                    yield '</span>'
                    yield environment.escaped(context.call((undefined(name='swatch') if l_3_swatch is missing else l_3_swatch), environment.getattr(l_3_day, 'color'), _loop_vars=_loop_vars))
                    yield '<span class="tip">'
                    yield environment.escaped(environment.getattr(l_3_day, 'label'))
                    yield '</span></td>'
                else:
                    pass
                    yield '<td></td>'
            l_3_day = l_3_level = l_3_swatch = missing
            yield '</tr>\n'
        l_2_week = missing
        yield '</tbody>\n</table>\n'
        t_6 = 0
    l_1_month = l_1_weekdays = missing
    if t_6:
        pass
        yield '<p class="quiet">'
        yield environment.escaped((environment.messages["This service's daily history is not published."] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), "This service's daily history is not published.")))
        yield '</p>\n'
    yield '</section>\n<section aria-labelledby="incidents">\n<h2 id="incidents">'
    yield environment.escaped((environment.messages['Incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incidents', _block_vars=_block_vars)))
    yield '</h2>\n'
    for l_1_episode in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'episodes'):
        l_1_episode_card = resolve('episode_card')
        _loop_vars = {}
        pass
        yield environment.escaped(context.call((undefined(name='episode_card') if l_1_episode_card is missing else l_1_episode_card), l_1_episode, _loop_vars=_loop_vars))
        yield '\n'
    l_1_episode = l_1_episode_card = missing
    t_7 = 1
    for l_1_incident in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'recent_incidents'):
        l_1_incident_card = resolve('incident_card')
        _loop_vars = {}
        pass
        yield environment.escaped(context.call((undefined(name='incident_card') if l_1_incident_card is missing else l_1_incident_card), l_1_incident, _loop_vars=_loop_vars))
        yield '\n'
        t_7 = 0
    l_1_incident = l_1_incident_card = missing
    if t_7:
        pass
        yield '<p class="quiet">'
        yield environment.escaped((environment.messages['No incidents reported.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No incidents reported.')))
        yield '</p>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'older_incidents'):
        pass
        yield '<p class="more">'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(num)d earlier incident in the %(history)s.', '%(num)d earlier incidents in the %(history)s.', environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'older_incidents'), history=context.call((undefined(name='link') if l_0_link is missing else l_0_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'history/', )), (environment.messages['incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'incident history', _block_vars=_block_vars)), _block_vars=_block_vars), _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), "This service's own %(badge)s.", badge=context.call((undefined(name='link') if l_0_link is missing else l_0_link), 'badge.svg', (environment.messages['status badge'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'status badge', _block_vars=_block_vars)), _block_vars=_block_vars), _block_vars=_block_vars))
    yield '</p>\n'
    yield environment.escaped(context.call((undefined(name='follow') if l_0_follow is missing else l_0_follow), context.call((undefined(name='_') if l_0__ is missing else l_0__), 'every incident and episode that affects %(service)s', service=environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'service'), 'name'), _block_vars=_block_vars), _block_vars=_block_vars))
    yield '\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=14&2=17&3=29&4=38&5=44&6=50&7=56&8=65&9=70&10=84&11=100&12=144&14=146&15=150&20=152&21=154&23=163&25=168&26=170&27=174&26=183&31=185&32=187&34=193&36=198&37=200&39=210&40=214&45=242&49=245&50=247&51=251&53=255&54=259&56=266&58=268&61=274&62=276'
# The default theme's service.html, compiled by `python -m generator.theme_compile`: do not edit.
