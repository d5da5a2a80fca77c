from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_banner.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_status = resolve('status')
    l_0__ = resolve('_')
    l_0_build_time = resolve('build_time')
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_status_label = l_0_time_tag = missing
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    included_template = environment.get_template('_status_label.html', '_banner.html')._get_default_module(context)
    l_0_status_label = getattr(included_template, 'status_label', missing)
    if l_0_status_label is missing:
        l_0_status_label = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_banner.html') does not export the requested name 'status_label'", name='status_label')
    context.vars['status_label'] = l_0_status_label
    context.exported_vars.discard('status_label')
    included_template = environment.get_template('_time.html', '_banner.html')._get_default_module(context)
    l_0_time_tag = getattr(included_template, 'time_tag', missing)
    if l_0_time_tag is missing:
        l_0_time_tag = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_banner.html') does not export the requested name 'time_tag'", name='time_tag')
    context.vars['time_tag'] = l_0_time_tag
    context.exported_vars.discard('time_tag')
    yield '<section class="banner banner-'
    yield environment.escaped(environment.getattr((undefined(name='status') if l_0_status is missing else l_0_status), 'level'))
    yield '" aria-label="'
    yield environment.escaped((environment.messages['Overall status'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Overall status')))
    yield '">\n<h1>'
    if (environment.getattr((undefined(name='status') if l_0_status is missing else l_0_status), 'level') == 'operational'):
        pass
        yield '<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="10" fill="currentColor"/><path d="M5.5 10.5l3 3 6-6.5" fill="none" stroke="var(--banner)" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>'
    else:
        pass
        yield '<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="10" fill="currentColor"/><path d="M10 5v6" stroke="var(--banner)" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="14.5" r="1.3" fill="var(--banner)"/></svg>'
    yield environment.escaped(context.call((undefined(name='status_label') if l_0_status_label is missing else l_0_status_label), environment.getattr((undefined(name='status') if l_0_status is missing else l_0_status), 'level')))
    yield '</h1>\n</section>\n<p class="checked">'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Updated %(time)s', time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), (undefined(name='build_time') if l_0_build_time is missing else l_0_build_time))))
    yield '<span class="ago" id="updated-ago"></span>'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'):
        pass
        yield ' · <a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield 'subscribe/">'
        yield environment.escaped((environment.messages['Get updates'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Get updates')))
        yield '</a>'
    yield '</p>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'stale_after'):
        pass
        yield '<p class="stale" id="stale" role="alert" data-after="'
        yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'stale_after'))
        yield '" hidden>'
        yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'This page was last updated %(ago)s: the status it shows may be out of date.', ago=Markup('<span class="ago"></span>')))
        yield '</p>\n'

blocks = {}
debug_info = '2=23&3=29&4=36&5=40&7=48&8=58'
# The default theme's _banner.html, compiled by `python -m generator.theme_compile`: do not edit.
