from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_services.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0__ = resolve('_')
    l_0_service_list = resolve('service_list')
    l_0_status = resolve('status')
    l_0_ngettext = resolve('ngettext')
    l_0_service_item = l_0_group_block = l_0_strong = missing
    try:
        t_1 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_2 = environment.filters['percent']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'percent' found.")
    try:
        t_3 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    included_template = environment.get_template('_service_macros.html', '_services.html')._get_default_module(context)
    l_0_service_item = getattr(included_template, 'service_item', missing)
    if l_0_service_item is missing:
        l_0_service_item = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_services.html') does not export the requested name 'service_item'", name='service_item')
    l_0_group_block = getattr(included_template, 'group_block', missing)
    if l_0_group_block is missing:
        l_0_group_block = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_services.html') does not export the requested name 'group_block'", name='group_block')
    context.vars.update({'service_item': l_0_service_item, 'group_block': l_0_group_block})
    context.exported_vars.difference_update(('service_item', 'group_block'))
    included_template = environment.get_template('_time.html', '_services.html')._get_default_module(context)
    l_0_strong = getattr(included_template, 'strong', missing)
    if l_0_strong is missing:
        l_0_strong = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_services.html') does not export the requested name 'strong'", name='strong')
    context.vars['strong'] = l_0_strong
    context.exported_vars.discard('strong')
    yield '<section class="services" aria-labelledby="services">\n<h2 id="services">'
    yield environment.escaped((environment.messages['Services'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Services')))
    yield '</h2>\n'
    if ((not t_4(environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'overall_uptime'))) and (environment.getattr((undefined(name='status') if l_0_status is missing else l_0_status), 'level') == 'operational')):
        pass
        yield '<p class="overall-uptime">'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(percent)s uptime over the past %(num)d day', '%(percent)s uptime over the past %(num)d days', environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'uptime_days'), percent=context.call((undefined(name='strong') if l_0_strong is missing else l_0_strong), t_2(environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'overall_uptime')))))
        yield '</p>\n'
    if environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'ungrouped'):
        pass
        yield '<ul class="service-list">\n'
        for l_1_view in environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'ungrouped'):
            l_1_root = resolve('root')
            _loop_vars = {}
            pass
            yield environment.escaped(context.call((undefined(name='service_item') if l_0_service_item is missing else l_0_service_item), l_1_view, 3, (undefined(name='root') if l_1_root is missing else l_1_root), environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'uptime_days'), _loop_vars=_loop_vars))
        l_1_view = l_1_root = missing
        yield '</ul>\n'
    for l_1_group in environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'groups'):
        l_1_root = resolve('root')
        _loop_vars = {}
        pass
        yield environment.escaped(context.call((undefined(name='group_block') if l_0_group_block is missing else l_0_group_block), l_1_group, (undefined(name='root') if l_1_root is missing else l_1_root), environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'uptime_days'), _loop_vars=_loop_vars))
    l_1_group = l_1_root = missing
    if t_1(context.eval_ctx, t_3(context, environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'all'), 'bars')):
        pass
        yield '<p class="axis" aria-hidden="true"><span>'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(num)d day ago', '%(num)d days ago', environment.getattr((undefined(name='service_list') if l_0_service_list is missing else l_0_service_list), 'uptime_days')))
        yield '</span><span>'
        yield environment.escaped((environment.messages['Today'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Today')))
        yield '</span></p>\n'
    yield '</section>\n'

blocks = {}
debug_info = '2=40&3=49&5=56&6=58&8=63&10=66&13=73&14=79'
# The default theme's _services.html, compiled by `python -m generator.theme_compile`: do not edit.
