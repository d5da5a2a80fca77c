from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_live_head.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_build_time = resolve('build_time')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    pass
    yield '<meta name="dcterms.modified" content="'
    yield environment.escaped(t_1((undefined(name='build_time') if l_0_build_time is missing else l_0_build_time)))
    yield '">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'refresh'):
        pass
        yield '<meta http-equiv="refresh" content="'
        yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'refresh'))
        yield '">\n'

blocks = {}
debug_info = '2=20&3=22'
# The default theme's _live_head.html, compiled by `python -m generator.theme_compile`: do not edit.
