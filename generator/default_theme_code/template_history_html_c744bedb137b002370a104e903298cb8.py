from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'history.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_follow_link = missing
    pass
    parent_template = environment.get_template('base.html', 'history.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_follow.html', 'history.html').make_module(context.get_all(), True, {'follow_link': l_0_follow_link})
    l_0_follow_link = getattr(included_template, 'follow_link', missing)
    if l_0_follow_link is missing:
        l_0_follow_link = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'history.html') does not export the requested name 'follow_link'", name='follow_link')
    context.vars['follow_link'] = l_0_follow_link
    context.exported_vars.discard('follow_link')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    pass
    yield environment.escaped((environment.messages['Incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incident history', _block_vars=_block_vars)))
    yield ' · '
    yield environment.escaped(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    pass
    yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Every incident of %(site)s, month by month.', site=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'), _block_vars=_block_vars))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_follow_link = resolve('follow_link')
    l_0_root = resolve('root')
    l_0_months = resolve('months')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['month_name']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'month_name' found.")
    pass
    template = environment.get_template('_crumbs.html', 'history.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<h1>'
    yield environment.escaped((environment.messages['Incident history'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Incident history', _block_vars=_block_vars)))
    yield '</h1>\n<p class="meta">'
    yield environment.escaped(context.call((undefined(name='follow_link') if l_0_follow_link is missing else l_0_follow_link), markup_join(((undefined(name='root') if l_0_root is missing else l_0_root), 'subscribe/', )), _block_vars=_block_vars))
    yield '</p>\n'
    l_1_loop = missing
    t_3 = 1
    for l_1_month, l_1_loop in LoopContext((undefined(name='months') if l_0_months is missing else l_0_months), undefined):
        l_1_ngettext = resolve('ngettext')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_loop, 'first'):
            pass
            yield '<ul class="months">'
        yield '<li><a href="'
        yield environment.escaped((undefined(name='root') if l_0_root is missing else l_0_root))
        yield environment.escaped(environment.getattr(l_1_month, 'url'))
        yield '">'
        yield environment.escaped(t_2(environment.getattr(l_1_month, 'first_day')))
        yield '</a> <span class="quiet">'
        yield environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d incident', '%(num)d incidents', t_1(environment.getattr(l_1_month, 'incidents')), _loop_vars=_loop_vars))
        if environment.getattr(l_1_month, 'episodes'):
            pass
            yield ', '
            yield environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d episode', '%(num)d episodes', t_1(environment.getattr(l_1_month, 'episodes')), _loop_vars=_loop_vars))
        if environment.getattr(l_1_month, 'maintenance'):
            pass
            yield ', '
            yield environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d maintenance window', '%(num)d maintenance windows', t_1(environment.getattr(l_1_month, 'maintenance')), _loop_vars=_loop_vars))
        if environment.getattr(l_1_month, 'announcements'):
            pass
            yield ', '
            yield environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), '%(num)d announcement', '%(num)d announcements', t_1(environment.getattr(l_1_month, 'announcements')), _loop_vars=_loop_vars))
        yield '</span></li>\n'
        if environment.getattr(l_1_loop, 'last'):
            pass
            yield '</ul>'
        t_3 = 0
    l_1_loop = l_1_month = l_1_ngettext = missing
    if t_3:
        pass
        yield '<p class="quiet">'
        yield environment.escaped((environment.messages['No incidents reported.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No incidents reported.')))
        yield '</p>\n'

blocks = {'title': block_title, 'description': block_description, 'content': block_content}
debug_info = '1=13&2=16&3=24&4=38&5=50&6=74&7=81&8=83&9=87&10=91&11=95&12=114&14=122'
# The default theme's history.html, compiled by `python -m generator.theme_compile`: do not edit.
