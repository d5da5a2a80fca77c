from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'subscribe.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'subscribe.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    pass
    yield environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Get updates', _block_vars=_block_vars)))
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
    pass
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Feeds and data to follow the status of %(site)s.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_service_list = resolve('service_list')
    l_0_crumb = missing
    pass
    l_0_crumb = (environment.messages['Get updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Get updates', _block_vars=_block_vars))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'subscribe.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<h1>'
    yield environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Get updates', _block_vars=_block_vars)))
    yield '</h1>\n<p>'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Follow %(site)s in a feed reader, a chat tool or a script: nothing to sign up for.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))
    yield '</p>\n<section aria-labelledby="site-feeds">\n<h2 id="site-feeds">'
    yield environment.escaped((environment.messages['Feeds'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Feeds', _block_vars=_block_vars)))
    yield '</h2>\n<dl class="subscriptions">\n<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'feed.rss">'
    yield environment.escaped((environment.messages['RSS feed'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'RSS feed', _block_vars=_block_vars)))
    yield '</a></dt><dd>'
    yield environment.escaped((environment.messages['Every new incident, update, resolution and postmortem, for feed readers and chat tools.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Every new incident, update, resolution and postmortem, for feed readers and chat tools.', _block_vars=_block_vars)))
    yield '</dd></div>\n<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'feed.atom">'
    yield environment.escaped((environment.messages['Atom feed'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Atom feed', _block_vars=_block_vars)))
    yield '</a></dt><dd>'
    yield environment.escaped((environment.messages['The same events in Atom, for readers that prefer it.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The same events in Atom, for readers that prefer it.', _block_vars=_block_vars)))
    yield '</dd></div>\n</dl>\n<p>'
    yield environment.escaped((environment.messages['Each incident, episode and service has its own Atom feed too: follow one from its page (“Get updates”).'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Each incident, episode and service has its own Atom feed too: follow one from its page (“Get updates”).', _block_vars=_block_vars)))
    yield '</p>\n'
    if (undefined(name='service_list') if l_0_service_list is missing else l_0_service_list):
        pass
        yield '<ul class="service-feeds">\n'
        for l_1_view in environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'all'):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
            yield environment.escaped(environment.getattr(l_1_view, 'url'))
            yield 'feed.atom">'
            yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Atom feed of %(service)s', service=environment.getattr(environment.getattr(l_1_view, 'service'), 'name'), _loop_vars=_loop_vars))
            yield '</a></li>\n'
        l_1_view = missing
        yield '</ul>\n'
    yield '</section>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'show_maintenance'):
        pass
        yield '<section aria-labelledby="calendar">\n<h2 id="calendar">'
        yield environment.escaped((environment.messages['Calendar'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Calendar', _block_vars=_block_vars)))
        yield '</h2>\n<dl class="subscriptions">\n<div><dt><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'maintenance.ics">maintenance.ics</a></dt><dd>'
        yield environment.escaped((environment.messages['Scheduled maintenance in your calendar app: subscribe to its address, and changes and cancellations follow.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance in your calendar app: subscribe to its address, and changes and cancellations follow.', _block_vars=_block_vars)))
        yield '</dd></div>\n</dl>\n'
        if (undefined(name='service_list') if l_0_service_list is missing else l_0_service_list):
            pass
            yield '<p>'
            yield environment.escaped((environment.messages['Each service has a calendar of its own maintenance on its page.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Each service has a calendar of its own maintenance on its page.', _block_vars=_block_vars)))
            yield '</p>'
        yield '</section>\n'
    yield '<section aria-labelledby="api">\n<h2 id="api">'
    yield environment.escaped((environment.messages['For scripts and dashboards'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'For scripts and dashboards', _block_vars=_block_vars)))
    yield '</h2>\n<dl class="subscriptions">\n<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'api/v2/status.json">status.json</a></dt><dd>'
    yield environment.escaped((environment.messages["The overall status and when the page was updated, in Atlassian Statuspage's format."] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), "The overall status and when the page was updated, in Atlassian Statuspage's format.", _block_vars=_block_vars)))
    yield '</dd></div>\n<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'api/v2/summary.json">summary.json</a></dt><dd>'
    yield environment.escaped((environment.messages['The status, every service and the ongoing incidents in one file.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The status, every service and the ongoing incidents in one file.', _block_vars=_block_vars)))
    yield '</dd></div>\n<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'api/v2/incidents.json">incidents.json</a></dt><dd>'
    yield environment.escaped((environment.messages['The latest incidents with their updates.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The latest incidents with their updates.', _block_vars=_block_vars)))
    yield '</dd></div>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'show_maintenance'):
        pass
        yield '<div><dt><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'api/v2/scheduled-maintenances.json">scheduled-maintenances.json</a></dt><dd>'
        yield environment.escaped((environment.messages["Maintenance under way, scheduled and recent, in Atlassian Statuspage's format."] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), "Maintenance under way, scheduled and recent, in Atlassian Statuspage's format.", _block_vars=_block_vars)))
        yield '</dd></div>\n'
    yield '<div><dt><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'badge.svg">badge.svg</a></dt><dd>'
    yield environment.escaped((environment.messages['The overall status as a badge for READMEs and dashboards.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'The overall status as a badge for READMEs and dashboards.', _block_vars=_block_vars)))
    yield '</dd></div>\n</dl>\n</section>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '2=12&3=17&4=31&5=43&6=56&7=58&8=65&9=67&11=69&13=71&14=77&16=83&17=85&19=88&20=92&25=100&27=103&29=105&31=109&35=116&37=118&38=122&39=126&40=130&41=138'
# The default theme's subscribe.html, compiled by `python -m generator.theme_compile`: do not edit.
