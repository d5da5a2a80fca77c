from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_status_label.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_status_label = missing
    pass
    def macro(l_1_level):
        t_1 = []
        l_1__ = resolve('_')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        if (l_1_level == 'operational'):
            pass
            t_1.append(
                environment.escaped((environment.messages['All systems operational'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'All systems operational'))),
            )
        elif (l_1_level == 'maintenance'):
            pass
            t_1.append(
                environment.escaped((environment.messages['Under maintenance'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Under maintenance'))),
            )
        elif (l_1_level == 'degraded'):
            pass
            t_1.append(
                environment.escaped((environment.messages['Degraded performance'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Degraded performance'))),
            )
        elif (l_1_level == 'partial'):
            pass
            t_1.append(
                environment.escaped((environment.messages['Partial outage'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Partial outage'))),
            )
        else:
            pass
            t_1.append(
                environment.escaped((environment.messages['Major outage'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Major outage'))),
            )
        return concat(t_1)
    context.exported_vars.add('status_label')
    context.vars['status_label'] = l_0_status_label = Macro(environment, macro, 'status_label', ('level',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=18'
# The default theme's _status_label.html, compiled by `python -m generator.theme_compile`: do not edit.
