"""extract.roles and extract.context: titles, events, scope, subjects."""
import factdiff


def _roles(text):
    return [(m.person, m.role) for m in factdiff.extract(text) if m.kind == "role"]


def test_title_before_name_with_organisation():
    assert _roles("“No,” Health Ministry spokeswoman Anna Berg told reporters.") == [
        ("Anna Berg", "spokeswoman, Health Ministry")]


def test_appositive_title_after_name():
    [(person, role)] = _roles("Anna Berg, a spokeswoman for the Swedish Health Ministry, declined to comment.")
    assert person == "Anna Berg" and role.startswith("spokeswoman") and "Health Ministry" in role


def test_title_of_organisation_then_name():
    [(person, role)] = _roles("The chair of the city's Finance Committee, Tom Okafor, resigned.")
    assert person == "Tom Okafor" and role.startswith("chair") and "Finance Committee" in role


def test_roles_with_the_same_title_agree_across_sources():
    r = factdiff.check_texts({"a": "Health Ministry spokeswoman Anna Berg said 30 beds were free.",
                              "b": "Anna Berg, a spokeswoman for the Health Ministry, spoke on Monday."})
    [f] = [f for f in r.facts if f.kind == "role"]
    assert f.status == "agree"


def test_rank_words_stay_with_the_title_in_every_shape():
    assert _roles("Deputy Mayor Lena Fisk inspected the pier.") == [("Lena Fisk", "deputy mayor")]
    assert _roles("Lena Fisk, the deputy mayor of Tromso, inspected the pier.") == [
        ("Lena Fisk", "deputy mayor, Tromso")]
    assert _roles("The deputy mayor of Tromso, Lena Fisk, inspected the pier.") == [
        ("Lena Fisk", "deputy mayor, Tromso")]
    assert _roles("Vice Chairman Omar Haddad left early.") == [("Omar Haddad", "vice chairman")]
    # a word that only qualifies the title stays an organisation word, as before
    assert _roles("Acting Governor Ruth Amble signed it.") == [("Ruth Amble", "governor, Acting")]


def test_former_joins_the_rank_other_past_words_make_a_past_title():
    [m] = [m for m in factdiff.extract("Former Governor Ruth Amble signed it.") if m.kind == "role"]
    assert (m.role, m.scope) == ("former governor", None)
    [m] = [m for m in factdiff.extract("Ruth Amble, a former governor, signed it.") if m.kind == "role"]
    assert (m.role, m.scope) == ("former governor", None)
    [m] = [m for m in factdiff.extract("then-Governor Ruth Amble signed it.") if m.kind == "role"]
    assert (m.role, m.scope) == ("governor", "past")


def _role(text):
    return next(m for m in factdiff.extract(text) if m.kind == "role")


def test_role_compatibility_reads_rank_and_tense():
    from factdiff.compare import compatible
    gov = _role("Governor Ruth Amble signed it.")
    lieut = _role("Lieutenant Governor Ruth Amble signed it.")
    former = _role("Former Governor Ruth Amble signed it.")
    former_lieut = _role("Former Lieutenant Governor Ruth Amble signed it.")
    then = _role("then-Governor Ruth Amble signed it.")
    other_org = _role("Former Fishing Board chair Ruth Amble signed it.")
    board = _role("Fishing Board chair Ruth Amble signed it.")
    assert not compatible(gov, lieut) and not compatible(lieut, gov)
    assert not compatible(gov, former) and not compatible(former, gov)
    assert compatible(gov, former_lieut)  # she may have risen since
    assert compatible(gov, then) and compatible(former, then)
    assert compatible(former, former_lieut)  # two titles no longer held
    assert not compatible(board, other_org)
    assert compatible(gov, gov) and compatible(lieut, lieut)


def _m(text, needle):
    return next(m for m in factdiff.extract(text) if m.text == needle)


def test_event_is_read_on_either_side():
    assert _m("Shelling killed 30 soldiers.", "30 soldiers").predicate == "kill"
    assert _m("Some 30 soldiers were reportedly killed.", "Some 30 soldiers").predicate == "kill"
    assert _m("Amnesty said 30 soldiers died.", "30 soldiers").predicate == "kill"


def test_measured_thing_is_lemmatised_and_mapped_to_its_class():
    assert _m("They carried out 12 airstrikes.", "12 airstrikes").subject == "attack"
    assert _m("They carried out 12 air raids.", "12 air raids").subject == "attack"
    assert _m("About 40 lives were lost.", "About 40 lives").subject == "person"


def test_scope_part_and_rate():
    assert _m("In one of the raids, 9 people died.", "9 people").scope == "part"
    assert _m("The plant emits 300 tonnes a day.", "300 tonnes").scope == "rate"


def test_value_of_a_rate_and_its_earlier_level():
    m = _m("The unemployment rate had fallen to 5.8% from 6.1% in April.", "5.8%")
    assert m.subject == "unemployment rate"
    assert _m("The jobless rate fell to 5.8% from 6.1%.", "5.8%").subject == "unemployment rate"
    assert _m("The jobless rate fell to 5.8% from 6.1%.", "6.1%").scope == "past"
