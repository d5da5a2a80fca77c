from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_badges.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badges = missing
    pass
    def macro(l_1_view):
        t_1 = []
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        t_1.extend((
            '<span class="badge impact-',
            environment.escaped(environment.getattr(l_1_view, 'impact')),
            '"><span class="vh">',
            environment.escaped((environment.messages['Severity:'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Severity:'))),
            ' </span>',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'severity'), 'name')),
            '</span>\n<span class="badge ',
            environment.escaped(('state-resolved' if environment.getattr(l_1_view, 'is_resolved') else 'state-open')),
            '"><span class="vh">',
            environment.escaped((environment.messages['State:'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'State:'))),
            ' </span>',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'state'), 'name')),
            '</span>\n',
        ))
        return concat(t_1)
    context.exported_vars.add('badges')
    context.vars['badges'] = l_0_badges = Macro(environment, macro, 'badges', ('view',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=20&4=26'
# The default theme's _badges.html, compiled by `python -m generator.theme_compile`: do not edit.
