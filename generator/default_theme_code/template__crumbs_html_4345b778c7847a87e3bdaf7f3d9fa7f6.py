from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_crumbs.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0__ = resolve('_')
    l_0_root = resolve('root')
    l_0_crumb = resolve('crumb')
    try:
        t_1 = environment.filters['default']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'default' found.")
    pass
    yield '<nav class="crumbs" aria-label="'
    yield environment.escaped((environment.messages['Breadcrumb'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Breadcrumb')))
    yield '">\n<ol>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '">'
    yield environment.escaped((environment.messages['Status'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Status')))
    yield '</a></li>\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'history/">'
    yield environment.escaped((environment.messages['History'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'History')))
    yield '</a></li>\n'
    if t_1((undefined(name='crumb') if l_0_crumb is missing else l_0_crumb), ''):
        pass
        yield '<li aria-current="page">'
        yield environment.escaped((undefined(name='crumb') if l_0_crumb is missing else l_0_crumb))
        yield '</li>'
    yield '</ol>\n</nav>\n'

blocks = {}
debug_info = '2=21&4=23&5=27&6=31'
# The default theme's _crumbs.html, compiled by `python -m generator.theme_compile`: do not edit.
