from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_follow.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_follow_link = l_0_follow = missing
    pass
    def macro(l_1_href):
        t_1 = []
        l_1_site = resolve('site')
        l_1__ = resolve('_')
        if l_1_href is missing:
            l_1_href = undefined("parameter 'href' was not provided", name='href')
        pass
        if environment.getattr((undefined(name='site') if l_1_site is missing else l_1_site), 'base_url'):
            pass
            t_1.extend((
                '<a class="follow-link" href="',
                environment.escaped(l_1_href),
                '">',
                environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Get updates'))),
                '</a>',
            ))
        return concat(t_1)
    context.exported_vars.add('follow_link')
    context.vars['follow_link'] = l_0_follow_link = Macro(environment, macro, 'follow_link', ('href',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_what):
        t_2 = []
        l_1_site = resolve('site')
        l_1__ = resolve('_')
        l_1_root = resolve('root')
        if l_1_what is missing:
            l_1_what = undefined("parameter 'what' was not provided", name='what')
        pass
        if environment.getattr((undefined(name='site') if l_1_site is missing else l_1_site), 'base_url'):
            pass
            t_2.extend((
                '<section id="follow" class="follow" aria-labelledby="follow-title">\n<h2 id="follow-title">',
                environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Get updates'))),
                '</h2>\n<ul>\n<li><a href="feed.atom">',
                environment.escaped((environment.messages['Atom feed of this page'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Atom feed of this page'))),
                '</a>: ',
                environment.escaped(l_1_what),
                '</li>\n<li><a href="',
                environment.escaped((undefined(name='root') if l_1_root is missing else l_1_root)),
                'subscribe/">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Every feed of %(site)s', site=environment.getattr((undefined(name='site') if l_1_site is missing else l_1_site), 'title'))),
                '</a>: ',
                environment.escaped((environment.messages['the whole site, and its status for scripts'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'the whole site, and its status for scripts'))),
                '</li>\n</ul>\n</section>\n',
            ))
        return concat(t_2)
    context.exported_vars.add('follow')
    context.vars['follow'] = l_0_follow = Macro(environment, macro, 'follow', ('what',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=19&5=31&6=39&8=43&10=45&11=49'
# The default theme's _follow.html, compiled by `python -m generator.theme_compile`: do not edit.
