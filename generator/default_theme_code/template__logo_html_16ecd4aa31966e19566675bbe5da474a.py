from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_logo.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_asset = resolve('asset')
    pass
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'logo'):
        pass
        yield '<img class="logo" src="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield environment.escaped(context.call((undefined(name='asset') if l_0_asset is missing else l_0_asset), 'logo'))
        yield '" alt="">'

blocks = {}
debug_info = '2=14'
# The default theme's _logo.html, compiled by `python -m generator.theme_compile`: do not edit.
