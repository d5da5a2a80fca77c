from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_state_path.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_state_path = missing
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
    def macro(l_1_view):
        t_3 = []
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        if environment.getattr(l_1_view, 'state_changes'):
            pass
            t_3.extend((
                '<ol class="path" aria-label="',
                environment.escaped((environment.messages['State changes'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'State changes'))),
                '">\n',
            ))
            for l_2_entry in environment.getattr(l_1_view, 'state_changes'):
                _loop_vars = {}
                pass
                t_3.extend((
                    '<li><span class="path-state">',
                    environment.escaped(environment.getattr(environment.getattr(l_2_entry, 'state'), 'name')),
                    '</span> <time datetime="',
                    environment.escaped(t_1(environment.getattr(l_2_entry, 'at'))),
                    '">',
                    environment.escaped(t_2(environment.getattr(l_2_entry, 'at'))),
                    '</time></li>\n',
                ))
            l_2_entry = missing
            t_3.append(
                '</ol>\n',
            )
        return concat(t_3)
    context.exported_vars.add('state_path')
    context.vars['state_path'] = l_0_state_path = Macro(environment, macro, 'state_path', ('view',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=24&3=30&4=34&5=37&6=42'
# The default theme's _state_path.html, compiled by `python -m generator.theme_compile`: do not edit.
