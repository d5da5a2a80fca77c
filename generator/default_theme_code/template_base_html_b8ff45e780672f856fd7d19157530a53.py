from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_language = resolve('language')
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_asset = resolve('asset')
    l_0_canonical = resolve('canonical')
    l_0_feeds = resolve('feeds')
    l_0__ = resolve('_')
    pass
    yield '<!doctype html>\n<html lang="'
    yield environment.escaped((undefined(name='language') if l_0_language is missing else l_0_language))
    yield '"'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'local_times'):
        pass
        yield ' data-local-times'
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<meta name="description" content="'
    yield from context.blocks['description'][0](context)
    yield '">\n<meta name="color-scheme" content="light dark">\n<link rel="stylesheet" href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield environment.escaped(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'style.css'))
    yield '">\n'
    yield from context.blocks['icon'][0](context)
    if (undefined(name='canonical') if l_0_canonical is missing else l_0_canonical):
        pass
        yield '<link rel="canonical" href="'
        yield environment.escaped((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    for l_1_feed in (undefined(name='feeds') if l_0_feeds is missing else l_0_feeds):
        _loop_vars = {}
        pass
        yield '<link rel="alternate" type="'
        yield environment.escaped(environment.getattr(l_1_feed, 'media_type'))
        yield '" title="'
        yield environment.escaped(environment.getattr(l_1_feed, 'title'))
        yield '" href="'
        yield environment.escaped(environment.getattr(l_1_feed, 'href'))
        yield '">\n'
    l_1_feed = missing
    yield from context.blocks['head'][0](context)
    template = environment.get_template('_head_extra.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</head>\n<body>\n<a class="skip" href="#main">'
    yield environment.escaped((environment.messages['Skip to content'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Skip to content')))
    yield '</a>\n'
    template = environment.get_template('_header.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<main id="main" class="wrap">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n'
    template = environment.get_template('_footer.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'local_times') or environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'stale_after')):
        pass
        yield '<script>'
        template = environment.get_template('_local_times.js', 'base.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</script>\n'
    yield '</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    pass
    yield environment.escaped((environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description') or context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Current status and incident history of %(site)s.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars)))

def block_icon(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    pass
    yield '<link rel="icon" href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'favicon.svg" type="image/svg+xml">\n<link rel="icon" href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'favicon.png" type="image/png" sizes="32x32">\n'

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'description': block_description, 'icon': block_icon, 'head': block_head, 'content': block_content}
debug_info = '3=19&7=25&8=27&10=29&11=32&14=33&16=38&17=42&19=49&20=50&23=57&24=59&26=66&28=68&29=74&7=86&8=97&11=109&12=121&19=124&26=133'
# The default theme's base.html, compiled by `python -m generator.theme_compile`: do not edit.
