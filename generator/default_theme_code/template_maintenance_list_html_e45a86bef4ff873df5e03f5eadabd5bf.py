from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'maintenance_list.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_maintenance_section = l_0_follow_link = missing
    pass
    parent_template = environment.get_template('base.html', 'maintenance_list.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_maintenance_card.html', 'maintenance_list.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link, 'maintenance_section': l_0_maintenance_section})
    l_0_maintenance_section = getattr(included_template, 'maintenance_section', missing)
    if l_0_maintenance_section is missing:
        l_0_maintenance_section = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'maintenance_list.html') does not export the requested name 'maintenance_section'", name='maintenance_section')
    context.vars['maintenance_section'] = l_0_maintenance_section
    context.exported_vars.discard('maintenance_section')
    included_template = environment.get_template('_follow.html', 'maintenance_list.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link, 'maintenance_section': l_0_maintenance_section})
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'maintenance_list.html') does not export the requested name 'follow_link'", name='follow_link')
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
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    pass
    yield environment.escaped((environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance', _block_vars=_block_vars)))
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
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance of %(site)s: under way, planned and past.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_follow_link = resolve('follow_link')
    l_0_root = resolve('root')
    l_0_ongoing_maintenance = resolve('ongoing_maintenance')
    l_0_maintenance_section = resolve('maintenance_section')
    l_0_upcoming_maintenance = resolve('upcoming_maintenance')
    l_0_past_maintenance = resolve('past_maintenance')
    l_0_crumb = missing
    pass
    l_0_crumb = (environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance', _block_vars=_block_vars))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'maintenance_list.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<h1>'
    yield environment.escaped((environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance', _block_vars=_block_vars)))
    yield '</h1>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield '<p class="meta">'
        yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'subscribe/', )), _block_vars=_block_vars))
        yield ' · <a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'maintenance.ics">'
        yield environment.escaped((environment.messages['Add scheduled maintenance to your calendar'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Add scheduled maintenance to your calendar', _block_vars=_block_vars)))
        yield '</a></p>\n'
    if (undefined(name='ongoing_maintenance') if l_0_ongoing_maintenance is missing else l_0_ongoing_maintenance):
        pass
        yield environment.escaped(context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'under-maintenance', (environment.messages['Under maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Under maintenance', _block_vars=_block_vars)), (undefined(name='ongoing_maintenance') if l_0_ongoing_maintenance is missing else l_0_ongoing_maintenance), _block_vars=_block_vars))
    if (undefined(name='upcoming_maintenance') if l_0_upcoming_maintenance is missing else l_0_upcoming_maintenance):
        pass
        yield environment.escaped(context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'scheduled-maintenance', (environment.messages['Scheduled maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Scheduled maintenance', _block_vars=_block_vars)), (undefined(name='upcoming_maintenance') if l_0_upcoming_maintenance is missing else l_0_upcoming_maintenance), show_starts_in=True, _block_vars=_block_vars))
    if (undefined(name='past_maintenance') if l_0_past_maintenance is missing else l_0_past_maintenance):
        pass
        yield environment.escaped(context.call((undefined(name='maintenance_section') if l_0_maintenance_section is missing else l_0_maintenance_section), 'past-maintenance', (environment.messages['Past maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Past maintenance', _block_vars=_block_vars)), (undefined(name='past_maintenance') if l_0_past_maintenance is missing else l_0_past_maintenance), _block_vars=_block_vars))

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '2=13&3=16&4=22&5=30&6=44&7=56&8=73&9=75&10=82&11=84&13=93&14=96&15=99'
# The default theme's maintenance_list.html, compiled by `python -m generator.theme_compile`: do not edit.
