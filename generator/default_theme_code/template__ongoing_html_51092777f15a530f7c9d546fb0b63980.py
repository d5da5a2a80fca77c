from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_ongoing.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_incident_card = l_0_episode_card = l_0_ongoing_lists = missing
    pass
    included_template = environment.get_template('_incident_card.html', '_ongoing.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'ongoing_lists': l_0_ongoing_lists})
    l_0_incident_card = getattr(included_template, 'incident_card', missing)
    if l_0_incident_card is missing:
        l_0_incident_card = undefined(f"the template {included_template.__name__!r} (imported on line 2 in '_ongoing.html') does not export the requested name 'incident_card'", name='incident_card')
    context.vars['incident_card'] = l_0_incident_card
    context.exported_vars.discard('incident_card')
    included_template = environment.get_template('_episode_card.html', '_ongoing.html').make_module(context.get_all(), True, {'episode_card': l_0_episode_card, 'incident_card': l_0_incident_card, 'ongoing_lists': l_0_ongoing_lists})
    l_0_episode_card = getattr(included_template, 'episode_card', missing)
    if l_0_episode_card is missing:
        l_0_episode_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_ongoing.html') does not export the requested name 'episode_card'", name='episode_card')
    context.vars['episode_card'] = l_0_episode_card
    context.exported_vars.discard('episode_card')
    def macro(l_1_episodes, l_1_incidents, l_1_more, l_1_more_url):
        t_1 = []
        l_1__ = resolve('_')
        l_1_ngettext = resolve('ngettext')
        if l_1_episodes is missing:
            l_1_episodes = undefined("parameter 'episodes' was not provided", name='episodes')
        if l_1_incidents is missing:
            l_1_incidents = undefined("parameter 'incidents' was not provided", name='incidents')
        if l_1_more is missing:
            l_1_more = 0
        if l_1_more_url is missing:
            l_1_more_url = None
        pass
        if l_1_episodes:
            pass
            t_1.extend((
                '<section aria-labelledby="ongoing-episodes">\n<h2 id="ongoing-episodes">',
                environment.escaped((environment.messages['Ongoing episodes'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Ongoing episodes'))),
                '</h2>\n',
            ))
            for l_2_view in l_1_episodes:
                _loop_vars = {}
                pass
                t_1.extend((
                    environment.escaped(context.call((undefined(name='episode_card') if l_0_episode_card is missing else l_0_episode_card), l_2_view, show_latest=True, _loop_vars=_loop_vars)),
                    '\n',
                ))
            l_2_view = missing
            t_1.append(
                '</section>\n',
            )
        if l_1_incidents:
            pass
            t_1.extend((
                '<section aria-labelledby="ongoing">\n<h2 id="ongoing">',
                environment.escaped((environment.messages['Ongoing incidents'] if (undefined(name='_') if l_1__ is missing else l_1__) is environment.message_function else context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Ongoing incidents'))),
                '</h2>\n',
            ))
            for l_2_view in l_1_incidents:
                _loop_vars = {}
                pass
                t_1.extend((
                    environment.escaped(context.call((undefined(name='incident_card') if l_0_incident_card is missing else l_0_incident_card), l_2_view, show_latest=True, _loop_vars=_loop_vars)),
                    '\n',
                ))
            l_2_view = missing
            t_1.append(
                '</section>\n',
            )
        if l_1_more:
            pass
            t_1.extend((
                '<p class="more"><a href="',
                environment.escaped(l_1_more_url),
                '">',
                environment.escaped(context.call((undefined(name='ngettext') if l_1_ngettext is missing else l_1_ngettext), 'and %(num)d more ongoing', 'and %(num)d more ongoing', l_1_more)),
                '</a></p>\n',
            ))
        return concat(t_1)
    context.exported_vars.add('ongoing_lists')
    context.vars['ongoing_lists'] = l_0_ongoing_lists = Macro(environment, macro, 'ongoing_lists', ('episodes', 'incidents', 'more', 'more_url'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=18&4=24&5=37&7=41&8=44&9=48&13=55&15=59&16=62&17=66&21=73'
# The default theme's _ongoing.html, compiled by `python -m generator.theme_compile`: do not edit.
