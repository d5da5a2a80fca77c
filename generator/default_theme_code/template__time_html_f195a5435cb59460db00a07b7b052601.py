from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_time.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_time_tag = l_0_link = l_0_strong = missing
    try:
        t_1 = environment.filters['iso']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'iso' found.")
    try:
        t_2 = environment.filters['local_time']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'local_time' found.")
    pass
    def macro(l_1_moment):
        t_3 = []
        if l_1_moment is missing:
            l_1_moment = undefined("parameter 'moment' was not provided", name='moment')
        pass
        t_3.extend((
            '<time datetime="',
            environment.escaped(t_1(l_1_moment)),
            '">',
            environment.escaped(t_2(l_1_moment)),
            '</time>',
        ))
        return concat(t_3)
    context.exported_vars.add('time_tag')
    context.vars['time_tag'] = l_0_time_tag = Macro(environment, macro, 'time_tag', ('moment',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_href, l_1_text):
        t_4 = []
        if l_1_href is missing:
            l_1_href = undefined("parameter 'href' was not provided", name='href')
        if l_1_text is missing:
            l_1_text = undefined("parameter 'text' was not provided", name='text')
        pass
        t_4.extend((
            '<a href="',
            environment.escaped(l_1_href),
            '">',
            environment.escaped(l_1_text),
            '</a>',
        ))
        return concat(t_4)
    context.exported_vars.add('link')
    context.vars['link'] = l_0_link = Macro(environment, macro, 'link', ('href', 'text'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_text):
        t_5 = []
        if l_1_text is missing:
            l_1_text = undefined("parameter 'text' was not provided", name='text')
        pass
        t_5.extend((
            '<strong>',
            environment.escaped(l_1_text),
            '</strong>',
        ))
        return concat(t_5)
    context.exported_vars.add('strong')
    context.vars['strong'] = l_0_strong = Macro(environment, macro, 'strong', ('text',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=24&3=31&5=39&6=48&8=56&9=63'
# The default theme's _time.html, compiled by `python -m generator.theme_compile`: do not edit.
