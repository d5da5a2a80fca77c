from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_footer.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0__ = resolve('_')
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    yield '<footer class="site-footer">\n<div class="wrap">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'footer'):
        pass
        yield '<p>'
        yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'footer'))
        yield '</p>'
    yield '<ul class="footer-links">\n<li><a href="'
    yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'history/">'
    yield environment.escaped((environment.messages['Incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incident history')))
    yield '</a></li>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield '<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'feed.rss">'
        yield environment.escaped((environment.messages['RSS feed'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'RSS feed')))
        yield '</a></li>\n<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'feed.atom">'
        yield environment.escaped((environment.messages['Atom feed'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Atom feed')))
        yield '</a></li>\n'
    yield '</ul><p class="quiet"><span id="site-zone">'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Times are in %(zone)s.', zone=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'timezone')))
    yield '</span>'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'local_times'):
        pass
        yield '<span id="reader-zone" hidden>'
        yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Times are in your time zone, %(zone)s.', zone=Markup('<span class="zone"></span>')))
        yield '</span>'
    yield ' '
    yield environment.escaped((environment.messages['Made with statusgen.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Made with statusgen.')))
    yield '</p>\n</div>\n</footer>\n'

blocks = {}
debug_info = '4=21&6=27&7=31&8=34&9=38&13=43'
# The default theme's _footer.html, compiled by `python -m generator.theme_compile`: do not edit.
