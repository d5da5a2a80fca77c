from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_service_macros.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_swatch = l_0_level = l_0_status_line = l_0_uptime_bars = l_0_service_item = l_0_group_block = missing
    try:
        t_1 = environment.filters['min']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'min' found.")
    try:
        t_2 = environment.filters['percent']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'percent' found.")
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_color):
        t_5 = []
        if l_1_color is missing:
            l_1_color = undefined("parameter 'color' was not provided", name='color')
        pass
        t_5.extend((
            '<svg aria-hidden="true" fill="',
            environment.escaped(l_1_color),
            '"><path d="M0 0h1e4v1e4H0z"/></svg>',
        ))
        return concat(t_5)
    context.exported_vars.add('swatch')
    context.vars['swatch'] = l_0_swatch = Macro(environment, macro, 'swatch', ('color',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_bar):
        t_6 = []
        if l_1_bar is missing:
            l_1_bar = undefined("parameter 'bar' was not provided", name='bar')
        pass
        if (environment.getattr(l_1_bar, 'level') != 'operational'):
            pass
            t_6.extend((
                ' lv-',
                environment.escaped(environment.getattr(l_1_bar, 'level')),
            ))
        return concat(t_6)
    context.exported_vars.add('level')
    context.vars['level'] = l_0_level = Macro(environment, macro, 'level', ('bar',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_current):
        t_7 = []
        if l_1_current is missing:
            l_1_current = undefined("parameter 'current' was not provided", name='current')
        pass
        t_7.extend((
            '<span class="service-status status-',
            environment.escaped(environment.getattr(l_1_current, 'level')),
            '"><svg class="dot" viewBox="0 0 2 2" aria-hidden="true"><circle cx="1" cy="1" r="1" fill="',
            environment.escaped(environment.getattr(l_1_current, 'color')),
            '"/></svg>',
            environment.escaped(environment.getattr(l_1_current, 'name')),
            '</span>',
        ))
        return concat(t_7)
    context.exported_vars.add('status_line')
    context.vars['status_line'] = l_0_status_line = Macro(environment, macro, 'status_line', ('current',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_days):
        t_8 = []
        l_1_ngettext = resolve('ngettext')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_days is missing:
            l_1_days = undefined("parameter 'days' was not provided", name='days')
        pass
        t_8.extend((
            '<ol class="bars" aria-label="',
            environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(name)s, the past %(num)d day', '%(name)s, the past %(num)d days', l_1_days, name=environment.getattr(environment.getattr(l_1_view, 'service'), 'name'))),
            '">\n',
        ))
        for l_2_bar in environment.getattr(l_1_view, 'bars'):
            _loop_vars = {}
            pass
            t_8.append(
                '<li class="bar',
            )
            if (environment.getattr(l_2_bar, 'days') > 1):
                pass
                t_8.extend((
                    ' s',
                    environment.escaped(environment.getattr(l_2_bar, 'days')),
                ))
            t_8.extend((
                environment.escaped(context.call((undefined(name='level') if l_0_level is missing else l_0_level), l_2_bar, _loop_vars=_loop_vars)),
                '">',
                environment.escaped(context.call((undefined(name='swatch') if l_0_swatch is missing else l_0_swatch), environment.getattr(l_2_bar, 'color'), _loop_vars=_loop_vars)),
                '<span>',
                environment.escaped(environment.getattr(l_2_bar, 'label')),
                '</span></li>\n',
            ))
        l_2_bar = missing
        t_8.append(
            '</ol>',
        )
        return concat(t_8)
    context.exported_vars.add('uptime_bars')
    context.vars['uptime_bars'] = l_0_uptime_bars = Macro(environment, macro, 'uptime_bars', ('view', 'days'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_heading, l_1_root, l_1_days):
        t_9 = []
        l_1__ = resolve('_')
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_heading is missing:
            l_1_heading = undefined("parameter 'heading' was not provided", name='heading')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        if l_1_days is missing:
            l_1_days = undefined("parameter 'days' was not provided", name='days')
        pass
        t_9.extend((
            '<li class="service">\n<div class="service-head">\n<h',
            environment.escaped(l_1_heading),
            ' class="service-name"><a href="',
            environment.escaped(l_1_root),
            environment.escaped(environment.getattr(l_1_view, 'url')),
            '">',
            environment.escaped(environment.getattr(environment.getattr(l_1_view, 'service'), 'name')),
            '</a></h',
            environment.escaped(l_1_heading),
            '>\n',
        ))
        if environment.getattr(environment.getattr(l_1_view, 'service'), 'show_current_status'):
            pass
            t_9.append(
                environment.escaped(context.call((undefined(name='status_line') if l_0_status_line is missing else l_0_status_line), environment.getattr(l_1_view, 'current'))),
            )
        if environment.getattr(l_1_view, 'under_maintenance'):
            pass
            t_9.extend((
                ' <span class="badge maintenance">',
                environment.escaped((environment.messages['Under maintenance'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Under maintenance'))),
                '</span>',
            ))
        t_9.append(
            '</div>\n',
        )
        if environment.getattr(environment.getattr(l_1_view, 'service'), 'description'):
            pass
            t_9.extend((
                '<div class="note service-description">',
                environment.escaped(t_3(context.call(environment.getattr(l_1_view, 'description_under'), l_1_heading))),
                '</div>\n',
            ))
        if environment.getattr(l_1_view, 'bars'):
            pass
            t_9.extend((
                environment.escaped(context.call((undefined(name='uptime_bars') if l_0_uptime_bars is missing else l_0_uptime_bars), l_1_view, l_1_days)),
                '\n',
            ))
        if (not t_4(environment.getattr(l_1_view, 'uptime'))):
            pass
            t_9.extend((
                '<p class="uptime">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), '%(percent)s uptime', percent=t_2(environment.getattr(l_1_view, 'uptime')))),
                '</p>\n',
            ))
        t_9.append(
            '</li>',
        )
        return concat(t_9)
    context.exported_vars.add('service_item')
    context.vars['service_item'] = l_0_service_item = Macro(environment, macro, 'service_item', ('view', 'heading', 'root', 'days'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_group, l_1_root, l_1_days):
        t_10 = []
        l_1__ = resolve('_')
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        if l_1_days is missing:
            l_1_days = undefined("parameter 'days' was not provided", name='days')
        pass
        t_10.append(
            '<details class="group"',
        )
        if environment.getattr(environment.getattr(l_1_group, 'group'), 'is_expanded'):
            pass
            t_10.append(
                ' open',
            )
        t_10.extend((
            '>\n<summary><h',
            environment.escaped(environment.getattr(l_1_group, 'heading')),
            ' class="group-name">',
            environment.escaped(environment.getattr(environment.getattr(l_1_group, 'group'), 'name')),
            '</h',
            environment.escaped(environment.getattr(l_1_group, 'heading')),
            '>',
        ))
        if environment.getattr(environment.getattr(l_1_group, 'group'), 'show_current_status'):
            pass
            t_10.extend((
                ' ',
                environment.escaped(context.call((undefined(name='status_line') if l_0_status_line is missing else l_0_status_line), environment.getattr(l_1_group, 'current'))),
            ))
        if (not t_4(environment.getattr(l_1_group, 'uptime'))):
            pass
            t_10.extend((
                ' <span class="uptime">',
                environment.escaped(context.call((undefined(name='_') if l_1__ is missing else l_1__), '%(percent)s uptime', percent=t_2(environment.getattr(l_1_group, 'uptime')))),
                '</span>',
            ))
        t_10.append(
            '</summary>\n',
        )
        if environment.getattr(environment.getattr(l_1_group, 'group'), 'description'):
            pass
            t_10.extend((
                '<div class="note group-description">',
                environment.escaped(t_3(environment.getattr(l_1_group, 'description_html'))),
                '</div>\n',
            ))
        if environment.getattr(l_1_group, 'services'):
            pass
            t_10.append(
                '<ul class="service-list">\n',
            )
            for l_2_view in environment.getattr(l_1_group, 'services'):
                _loop_vars = {}
                pass
                t_10.append(
                    environment.escaped(context.call((undefined(name='service_item') if l_0_service_item is missing else l_0_service_item), l_2_view, t_1(environment, [(environment.getattr(l_1_group, 'heading') + 1), 6]), l_1_root, l_1_days, _loop_vars=_loop_vars)),
                )
            l_2_view = missing
            t_10.append(
                '</ul>\n',
            )
        for l_2_child in environment.getattr(l_1_group, 'groups'):
            _loop_vars = {}
            pass
            t_10.append(
                environment.escaped(context.call((undefined(name='group_block') if l_0_group_block is missing else l_0_group_block), l_2_child, l_1_root, l_1_days, _loop_vars=_loop_vars)),
            )
        l_2_child = missing
        t_10.append(
            '</details>',
        )
        return concat(t_10)
    context.exported_vars.add('group_block')
    context.vars['group_block'] = l_0_group_block = Macro(environment, macro, 'group_block', ('group', 'root', 'days'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=36&3=43&6=50&7=55&10=65&11=72&14=83&16=93&17=96&22=124&25=138&26=148&27=153&29=163&31=170&33=176&38=190&39=203&40=210&41=233&43=240&45=245&48=255'
# The default theme's _service_macros.html, compiled by `python -m generator.theme_compile`: do not edit.
