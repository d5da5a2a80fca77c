from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'ongoing.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_ongoing_lists = l_0_follow_link = missing
    pass
    parent_template = environment.get_template('base.html', 'ongoing.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_ongoing.html', 'ongoing.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link, 'ongoing_lists': l_0_ongoing_lists})
    l_0_ongoing_lists = getattr(included_template, 'ongoing_lists', missing)
    if l_0_ongoing_lists is missing:
        l_0_ongoing_lists = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'ongoing.html') does not export the requested name 'ongoing_lists'", name='ongoing_lists')
    context.vars['ongoing_lists'] = l_0_ongoing_lists
    context.exported_vars.discard('ongoing_lists')
    included_template = environment.get_template('_follow.html', 'ongoing.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link, 'ongoing_lists': l_0_ongoing_lists})
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'ongoing.html') does not export the requested name 'follow_link'", name='follow_link')
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
    yield environment.escaped((environment.messages['Ongoing incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ongoing incidents', _block_vars=_block_vars)))
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
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Every ongoing incident of %(site)s.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('_live_head.html', 'ongoing.html')
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
    l_0__ = resolve('_')
    l_0_ngettext = resolve('ngettext')
    l_0_ongoing_episodes = resolve('ongoing_episodes')
    l_0_ongoing_incidents = resolve('ongoing_incidents')
    l_0_follow_link = resolve('follow_link')
    l_0_root = resolve('root')
    l_0_ongoing_lists = resolve('ongoing_lists')
    l_0_crumb = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    l_0_crumb = (environment.messages['Ongoing incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ongoing incidents', _block_vars=_block_vars))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'ongoing.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<h1>'
    yield environment.escaped((environment.messages['Ongoing incidents'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ongoing incidents', _block_vars=_block_vars)))
    yield '</h1>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(num)d ongoing', '%(num)d ongoing', (t_1((undefined(name='ongoing_episodes') if l_0_ongoing_episodes is missing else l_0_ongoing_episodes)) + t_1((undefined(name='ongoing_incidents') if l_0_ongoing_incidents is missing else l_0_ongoing_incidents))), _block_vars=_block_vars))
    yield ' '
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'subscribe/', )), _block_vars=_block_vars))
    yield '</p>\n'
    yield environment.escaped(context.call((undefined(name='ongoing_lists') if l_0_ongoing_lists is missing else l_0_ongoing_lists), (undefined(name='ongoing_episodes') if l_0_ongoing_episodes is missing else l_0_ongoing_episodes), (undefined(name='ongoing_incidents') if l_0_ongoing_incidents is missing else l_0_ongoing_incidents), _block_vars=_block_vars))
    yield '\n'

blocks = {'title': block_title, 'description': block_description, 'head': block_head, 'content': block_content}
debug_info = '2=13&3=16&4=22&5=30&6=44&7=56&8=71&9=93&10=95&11=102&12=104&13=108'
# The default theme's ongoing.html, compiled by `python -m generator.theme_compile`: do not edit.
