from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_timeline.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0__ = resolve('_')
    l_0_view = resolve('view')
    l_0_update_word = l_0_link_words = missing
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
    try:
        t_3 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    (l_0_update_word, l_0_link_words) = ((environment.messages['Update'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Update')), (environment.messages['Link to this update'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Link to this update')))
    context.vars.update({'link_words': l_0_link_words, 'update_word': l_0_update_word})
    context.exported_vars.update(('link_words', 'update_word'))
    yield '<ol class="timeline">\n'
    t_4 = 1
    for l_1_entry in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'timeline'):
        _loop_vars = {}
        pass
        yield '<li id="'
        yield environment.escaped(environment.getattr(l_1_entry, 'anchor'))
        yield '" class="entry entry-'
        yield environment.escaped(environment.getattr(l_1_entry, 'kind'))
        if environment.getattr(l_1_entry, 'is_resolution'):
            pass
            yield ' entry-resolved'
        yield '">\n<h3 class="entry-title">'
        if (environment.getattr(l_1_entry, 'kind') == 'state'):
            pass
            yield environment.escaped(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'State changed to %(state)s', state=environment.getattr(environment.getattr(l_1_entry, 'state'), 'name'), _loop_vars=_loop_vars))
        else:
            pass
            yield environment.escaped((undefined(name='update_word') if l_0_update_word is missing else l_0_update_word))
        yield '</h3>\n<p class="meta"><time datetime="'
        yield environment.escaped(t_1(environment.getattr(l_1_entry, 'at')))
        yield '">'
        yield environment.escaped(t_2(environment.getattr(l_1_entry, 'at')))
        yield '</time> <a class="anchor" href="#'
        yield environment.escaped(environment.getattr(l_1_entry, 'anchor'))
        yield '"><span class="vh">'
        yield environment.escaped((undefined(name='link_words') if l_0_link_words is missing else l_0_link_words))
        yield '</span><span aria-hidden="true">#</span></a></p>\n'
        if (environment.getattr(l_1_entry, 'kind') == 'note'):
            pass
            yield '<div class="note">'
            yield environment.escaped(t_3(environment.getattr(l_1_entry, 'html')))
            yield '</div>'
        yield '</li>\n'
        t_4 = 0
    l_1_entry = missing
    if t_4:
        pass
        yield '<li class="entry"><p>'
        yield environment.escaped((environment.messages['No updates yet.'] if (undefined(name='_') if l_0__ is missing else l_0__) is environment.message_function else context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No updates yet.')))
        yield '</p></li>\n'
    yield '</ol>\n'

blocks = {}
debug_info = '3=32&5=37&6=41&7=48&8=55&9=63&12=74'
# The default theme's _timeline.html, compiled by `python -m generator.theme_compile`: do not edit.
