from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_status_label = l_0_strong = missing
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_status_label.html', '404.html')._get_default_module(context)
    l_0_status_label = getattr(included_template, 'status_label', missing)
    if l_0_status_label is missing:
        l_0_status_label = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '404.html') does not export the requested name 'status_label'", name='status_label')
    context.vars['status_label'] = l_0_status_label
    context.exported_vars.discard('status_label')
    included_template = environment.get_template('_time.html', '404.html')._get_default_module(context)
    l_0_strong = getattr(included_template, 'strong', missing)
    if l_0_strong is missing:
        l_0_strong = undefined(f"the template {included_template.__name__!r} (imported on line 4 in '404.html') does not export the requested name 'strong'", name='strong')
    context.vars['strong'] = l_0_strong
    context.exported_vars.discard('strong')
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
    yield environment.escaped((environment.messages['Page not found'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Page not found', _block_vars=_block_vars)))
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
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'This page does not exist. Current status and incident history of %(site)s.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_strong = resolve('strong')
    l_0_status_label = resolve('status_label')
    l_0_status = resolve('status')
    l_0_root = resolve('root')
    l_0_site = resolve('site')
    pass
    yield '<h1>'
    yield environment.escaped((environment.messages['Page not found'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Page not found', _block_vars=_block_vars)))
    yield '</h1>\n<p>'
    yield environment.escaped((environment.messages['There is no page at this address. It may have moved, or the link may be mistyped.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'There is no page at this address. It may have moved, or the link may be mistyped.', _block_vars=_block_vars)))
    yield '</p>\n<p>'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Current status: %(status)s.', status=context.call((undefined(name='strong') if l_0_strong is missing else l_0_strong), context.call((undefined(name='status_label') if l_0_status_label is missing else l_0_status_label), environment.getattr((undefined(name='status') if l_0_status is missing else l_0_status), 'level'), _block_vars=_block_vars), _block_vars=_block_vars), _block_vars=_block_vars))
    yield '</p>\n<ul>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '">'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Current status of %(site)s', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))
    yield '</a></li>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'history/">'
    yield environment.escaped((environment.messages['Incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incident history', _block_vars=_block_vars)))
    yield '</a></li>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield '<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'subscribe/">'
        yield environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Get updates', _block_vars=_block_vars)))
        yield '</a></li>\n'
    yield '</ul>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '2=13&3=16&4=22&5=30&6=44&7=56&8=71&9=73&10=75&12=77&13=81&14=85'
# The default theme's 404.html, compiled by `python -m generator.theme_compile`: do not edit.
