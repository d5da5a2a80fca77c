from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_postmortem.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0__ = resolve('_')
    l_0_view = resolve('view')
    l_0_time_tag = missing
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    included_template = environment.get_template('_time.html', '_postmortem.html')._get_default_module(context)
    l_0_time_tag = getattr(included_template, 'time_tag', missing)
    if l_0_time_tag is missing:
        l_0_time_tag = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_postmortem.html') does not export the requested name 'time_tag'", name='time_tag')
    context.vars['time_tag'] = l_0_time_tag
    context.exported_vars.discard('time_tag')
    yield '<section id="postmortem" class="postmortem" aria-labelledby="postmortem-title">\n<h2 id="postmortem-title">'
    yield environment.escaped((environment.messages['Postmortem'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Postmortem')))
    yield '</h2>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Published %(time)s', time=context.call((undefined(name='time_tag') if l_0_time_tag is missing else l_0_time_tag), environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'postmortem'), 'posted_at'))))
    yield '</p>\n<div class="note">'
    yield environment.escaped(t_1(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'postmortem'), 'html')))
    yield '</div>\n</section>\n'

blocks = {}
debug_info = '2=20&4=27&5=29&6=31'
# The default theme's _postmortem.html, compiled by `python -m generator.theme_compile`: do not edit.
