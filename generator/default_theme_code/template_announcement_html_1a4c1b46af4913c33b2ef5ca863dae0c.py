from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'announcement.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_announcement = resolve('announcement')
    l_0_follow_link = l_0_view = missing
    pass
    parent_template = environment.get_template('base.html', 'announcement.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_follow.html', 'announcement.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link, 'view': l_0_view})
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'announcement.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars['follow_link'] = l_0_follow_link
    context.exported_vars.discard('follow_link')
    l_0_view = (undefined(name='announcement') if l_0_announcement is missing else l_0_announcement)
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
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'title'))
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
    yield environment.escaped((environment.messages['Announcement'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Announcement', _block_vars=_block_vars)))
    yield ': '
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'title'))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_view = resolve('view')
    l_0_follow_link = resolve('follow_link')
    l_0_root = resolve('root')
    l_0_crumb = missing
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
        t_3 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    try:
        t_4 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    l_0_crumb = (environment.messages['Announcement'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Announcement', _block_vars=_block_vars))
    _block_vars['crumb'] = l_0_crumb
    template = environment.get_template('_crumbs.html', 'announcement.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'crumb': l_0_crumb}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<article class="incident announcement-page">\n<header class="page-head">\n<h1>'
    yield environment.escaped(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'title'))
    yield '</h1>\n<p class="meta"><span class="badge maintenance">'
    yield environment.escaped((environment.messages['Announcement'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Announcement', _block_vars=_block_vars)))
    yield '</span>'
    if (not environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'is_active')):
        pass
        yield ' <span class="badge state-resolved">'
        yield environment.escaped((environment.messages['Past'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Past', _block_vars=_block_vars)))
        yield '</span>'
    yield ' '
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'subscribe/', )), _block_vars=_block_vars))
    yield '</p>\n</header>\n<dl class="facts">\n<div><dt>'
    yield environment.escaped((environment.messages['Shown from'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Shown from', _block_vars=_block_vars)))
    yield '</dt><dd><time datetime="'
    yield environment.escaped(t_1(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'show_at')))
    yield '">'
    yield environment.escaped(t_3(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'show_at')))
    yield '</time></dd></div>\n'
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'end_at'):
        pass
        yield '<div><dt>'
        yield environment.escaped((environment.messages['Until'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Until', _block_vars=_block_vars)))
        yield '</dt><dd><time datetime="'
        yield environment.escaped(t_1(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'end_at')))
        yield '">'
        yield environment.escaped(t_3(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'end_at')))
        yield '</time></dd></div>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'services'):
        pass
        yield '<div><dt>'
        yield environment.escaped((environment.messages['Affected'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Affected', _block_vars=_block_vars)))
        yield '</dt><dd>'
        yield environment.escaped(t_2(context.eval_ctx, environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'services'), ', '))
        yield '</dd></div>\n'
    yield '</dl>\n'
    if environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'announcement'), 'description'):
        pass
        yield '<div class="note description">'
        yield environment.escaped(t_4(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'description_html')))
        yield '</div>'
    yield '</article>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=14&2=17&3=23&4=28&5=42&6=56&7=93&8=95&11=102&12=104&15=114&16=120&18=129&21=137'
# The default theme's announcement.html, compiled by `python -m generator.theme_compile`: do not edit.
