from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'maintenance.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_event = resolve('event')
    l_0_maintenance_badges = l_0_window = l_0_follow = l_0_follow_link = l_0_view = missing
    pass
    parent_template = environment.get_template('base.html', 'maintenance.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_maintenance_macros.html', 'maintenance.html').make_module(context.get_all(), True, {'follow': l_0_follow, 'follow_link': l_0_follow_link, 'maintenance_badges': l_0_maintenance_badges, 'view': l_0_view, 'window': l_0_window})
    l_0_maintenance_badges = getattr(included_template, 'maintenance_badges', missing)
    if l_0_maintenance_badges is missing:
        l_0_maintenance_badges = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'maintenance.html') does not export the requested name 'maintenance_badges'", name='maintenance_badges')
    l_0_window = getattr(included_template, 'window', missing)
    if l_0_window is missing:
        l_0_window = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'maintenance.html') does not export the requested name 'window'", name='window')
    context.vars.update({'maintenance_badges': l_0_maintenance_badges, 'window': l_0_window})
    context.exported_vars.difference_update(('maintenance_badges', 'window'))
    included_template = environment.get_template('_follow.html', 'maintenance.html').make_module(context.get_all(), True, {'follow': l_0_follow, 'follow_link': l_0_follow_link, 'maintenance_badges': l_0_maintenance_badges, 'view': l_0_view, 'window': l_0_window})
    l_0_follow = getattr(included_template, 'follow', missing)
    if l_0_follow is missing:
        l_0_follow = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'maintenance.html') does not export the requested name 'follow'", name='follow')
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'maintenance.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars.update({'follow': l_0_follow, 'follow_link': l_0_follow_link})
    context.exported_vars.difference_update(('follow', 'follow_link'))
    l_0_view = (undefined(name='event') if l_0_event is missing else l_0_event)
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
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'), 'title'))
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
    l_0_view = resolve('view')
    pass
    yield environment.escaped((environment.messages['Scheduled maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance', _block_vars=_block_vars)))
    yield ': '
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'), 'title'))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    l_0__ = resolve('_')
    l_0_maintenance_badges = resolve('maintenance_badges')
    l_0_follow_link = resolve('follow_link')
    l_0_window = resolve('window')
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_follow = resolve('follow')
    l_0_crumb = missing
    try:
        t_1 = environment.filters['duration']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'duration' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    l_0_crumb = (environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'label') or (environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance', _block_vars=_block_vars)))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'maintenance.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<article class="incident maintenance">\n<header class="page-head">\n<h1>'
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'), 'title'))
    yield '</h1>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='maintenance_badges') if l_0_maintenance_badges is missing else l_0_maintenance_badges), (undefined(name='view') if l_0_view is missing else l_0_view), _block_vars=_block_vars))
    yield ' '
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), '#follow', _block_vars=_block_vars))
    yield '</p>\n</header>\n<dl class="facts">\n<div><dt>'
    yield environment.escaped((environment.messages['Window'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Window', _block_vars=_block_vars)))
    yield '</dt><dd class="window">'
    yield environment.escaped(context.call((undefined(name='window') if l_0_window is missing else l_0_window), (undefined(name='view') if l_0_view is missing else l_0_view), _block_vars=_block_vars))
    yield '</dd></div>\n<div><dt>'
    yield environment.escaped((environment.messages['Length'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Length', _block_vars=_block_vars)))
    yield '</dt><dd>'
    yield environment.escaped(t_1(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'duration')))
    yield '</dd></div>\n<div><dt>'
    yield environment.escaped((environment.messages['Status'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status', _block_vars=_block_vars)))
    yield '</dt><dd>'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'is_cancelled'):
        pass
        yield environment.escaped((environment.messages['Cancelled: this work will not take place.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Cancelled: this work will not take place.', _block_vars=_block_vars)))
    elif environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'is_upcoming'):
        pass
        yield environment.escaped((environment.messages['Scheduled, not started yet'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled, not started yet', _block_vars=_block_vars)))
    elif environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'is_ongoing'):
        pass
        yield environment.escaped((environment.messages['Under way now'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Under way now', _block_vars=_block_vars)))
    else:
        pass
        yield environment.escaped((environment.messages['Ended'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ended', _block_vars=_block_vars)))
    yield '</dd></div>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'services'):
        pass
        yield '<div><dt>'
        yield environment.escaped((environment.messages['Affected'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Affected', _block_vars=_block_vars)))
        yield '</dt><dd>'
        yield environment.escaped(t_2(context.eval_ctx, environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'services'), ', '))
        yield '</dd></div>\n'
    yield '</dl>\n'
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'maintenance'), 'description'):
        pass
        yield '<div class="note description">'
        yield environment.escaped(t_3(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'description_html')))
        yield '</div>'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield '<p class="more"><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'maintenance.ics">'
        yield environment.escaped((environment.messages['Add all maintenance to your calendar'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Add all maintenance to your calendar', _block_vars=_block_vars)))
        yield '</a></p>\n'
    yield '<section aria-labelledby="updates">\n<h2 id="updates">'
    yield environment.escaped((environment.messages['Updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Updates', _block_vars=_block_vars)))
    yield '</h2>\n'
    template = environment.get_template('_timeline.html', 'maintenance.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</section>\n'
    yield environment.escaped(context.call((undefined(name='follow') if l_0_follow is missing else l_0_follow), (environment.messages['every step of this maintenance: scheduled, started, each update, completed or cancelled'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'every step of this maintenance: scheduled, started, each update, completed or cancelled', _block_vars=_block_vars)), _block_vars=_block_vars))
    yield '\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=14&2=17&3=26&4=35&5=40&6=54&7=68&8=103&9=105&12=112&13=114&16=118&17=122&18=126&19=141&22=149&23=154&26=162&27=164&29=171'
# The default theme's maintenance.html, compiled by `python -m generator.theme_compile`: do not edit.
