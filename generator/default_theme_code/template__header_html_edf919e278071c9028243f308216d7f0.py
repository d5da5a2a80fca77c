from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_header.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_root = resolve('root')
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    l_0_path = resolve('path')
    l_0_has_maintenance = resolve('has_maintenance')
    pass
    yield '<header class="site-header">\n<div class="wrap">\n<a class="site-title" href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '">'
    template = environment.get_template('_logo.html', '_header.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<span>'
    yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</span></a>\n<nav class="sections" aria-label="'
    yield environment.escaped((environment.messages['Sections'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sections')))
    yield '">\n<ul>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '"'
    if ((undefined(name='path') if l_0_path is missing else l_0_path) == ''):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield environment.escaped((environment.messages['Status'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status')))
    yield '</a></li>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'history/"'
    if context.call(environment.getattr((undefined(name='path') if l_0_path is missing else l_0_path), 'startswith'), 'history/'):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield environment.escaped((environment.messages['History'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'History')))
    yield '</a></li>\n'
    if (undefined(name='has_maintenance') if l_0_has_maintenance is missing else l_0_has_maintenance):
        pass
        yield '<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'maintenance/"'
        if ((undefined(name='path') if l_0_path is missing else l_0_path) == 'maintenance/'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield environment.escaped((environment.messages['Maintenance'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Maintenance')))
        yield '</a></li>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield '<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'subscribe/"'
        if ((undefined(name='path') if l_0_path is missing else l_0_path) == 'subscribe/'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield environment.escaped((environment.messages['Subscribe'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Subscribe')))
        yield '</a></li>\n'
    yield '</ul>\n</nav>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'links'):
        pass
        yield '<nav aria-label="'
        yield environment.escaped((environment.messages['Links'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Links')))
        yield '">\n<ul>\n'
        for (l_1_label, l_1_url) in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'links'):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield environment.escaped(l_1_url)
            yield '">'
            yield environment.escaped(l_1_label)
            yield '</a></li>\n'
        l_1_label = l_1_url = missing
        yield '</ul>\n</nav>\n'
    yield '</div>\n</header>\n'

blocks = {}
debug_info = '4=17&5=28&7=30&8=38&9=46&10=57&14=69&15=72&17=74&18=78'
# The default theme's _header.html, compiled by `python -m generator.theme_compile`: do not edit.
