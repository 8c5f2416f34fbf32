package dev.berth.lifecycle;

import static dev.berth.lifecycle.Fixtures.policy;
import static dev.berth.lifecycle.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar of spec §3.1 and every validation rule of §3.2, as a table of accepted and refused documents. */
class LifecyclePolicyParseTest {
    private static final String COUNT_10 = "'countType': 'imageCountMoreThan', 'countNumber': 10";
    private static final String DAYS_7 = "'countType': 'sinceImagePushed', 'countUnit': 'days', 'countNumber': 7";
    private static final String TAGGED_V = "'tagStatus': 'tagged', 'tagPrefixList': ['v'], " + COUNT_10;
    private static final String UNTAGGED_7 = "'tagStatus': 'untagged', " + DAYS_7;

    static Stream<Arguments> seeds() {
        return Stream.of(
                Arguments.of("000-lifecycle.json",
                        "1:tagged prefix[v] imageCountMoreThan 10; 2:untagged sinceImagePushed 7"),
                Arguments.of("002-lifecycle.json",
                        "1:tagged prefix[prod-] imageCountMoreThan 10; 2:untagged sinceImagePushed 1"),
                Arguments.of("003-lifecycle.json", "1:any imageCountMoreThan 10"),
                Arguments.of("004-lifecycle.json", "1:tagged prefix[prod-] imageCountMoreThan 10; "
                        + "2:tagged prefix[staging-] imageCountMoreThan 5; 3:untagged sinceImagePushed 7; "
                        + "4:tagged prefix[feature-] imageCountMoreThan 3"),
                Arguments.of("004-module-lifecycle.json", "1:any imageCountMoreThan 30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedPoliciesParse(String file, String summary) {
        assertThat(Fixtures.summary(Fixtures.seed(file))).isEqualTo(summary);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(policy(rule(20, UNTAGGED_7), rule(10, TAGGED_V)),
                        "10:tagged prefix[v] imageCountMoreThan 10; 20:untagged sinceImagePushed 7"),
                Arguments.of(policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['*test*1*2*3', 'test*1*2*3*'], "
                        + COUNT_10)), "1:tagged pattern[*test*1*2*3, test*1*2*3*] imageCountMoreThan 10"),
                Arguments.of(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['alpha', 'beta'], " + DAYS_7)),
                        "1:tagged prefix[alpha, beta] sinceImagePushed 7"),
                Arguments.of(policy(rule(1, "'tagStatus': 'any', 'countType': 'sinceImagePulled', 'countUnit': "
                        + "'days', 'countNumber': 30")), "1:any sinceImagePulled 30"),
                Arguments.of(policy(rule(1, "'tagStatus': 'untagged', 'storageClass': 'standard', " + DAYS_7)),
                        "1:untagged sinceImagePushed 7"),
                Arguments.of(policy(rule(1, TAGGED_V), rule(2, "'tagStatus': 'tagged', 'tagPrefixList': ['v', 'x'], "
                        + COUNT_10), rule(3, UNTAGGED_7), rule(9, "'tagStatus': 'any', " + COUNT_10)),
                        "1:tagged prefix[v] imageCountMoreThan 10; 2:tagged prefix[v, x] imageCountMoreThan 10; "
                                + "3:untagged sinceImagePushed 7; 9:any imageCountMoreThan 10"),
                Arguments.of(policy(rule(1, TAGGED_V), rule(2, "'tagStatus': 'tagged', 'tagPatternList': ['v'], "
                        + COUNT_10)),
                        "1:tagged prefix[v] imageCountMoreThan 10; 2:tagged pattern[v] imageCountMoreThan 10"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("accepted")
    void accepts(String json, String summary) {
        assertThat(Fixtures.summary(LifecyclePolicy.parse(json))).isEqualTo(summary);
    }

    private static Arguments refused(String json, String message) {
        return Arguments.of(json, message);
    }

    static Stream<Arguments> refused() {
        String rules0 = " at rules[0]";
        String sel0 = " at rules[0].selection";
        return Stream.of(
                refused("", "Could not map policyString into LifecyclePolicy. (the policy must be a JSON object)"),
                refused("{", "Could not map policyString into LifecyclePolicy. (Unexpected end-of-input"),
                refused("[]", "Could not map policyString into LifecyclePolicy. (the policy must be a JSON object)"),
                refused(policy(rule(1, TAGGED_V)) + " {}", "Could not map policyString into LifecyclePolicy."),
                refused(Fixtures.json("{'rules': [], 'rules': []}"), "Duplicate field 'rules'"),
                refused("{}", "object has missing required properties ([\"rules\"])"),
                refused(Fixtures.json("{'rules': [], 'version': 1}"),
                        "object instance has properties which are not allowed by the schema: ([\"version\"])"),
                refused(Fixtures.json("{'rules': {}}"),
                        "instance type (object) does not match any allowed primitive type (allowed: [\"array\"])"
                                + " at rules"),
                refused(Fixtures.json("{'rules': []}"), "a lifecycle policy needs at least one rule"),
                refused(Fixtures.json("{'rules': [7]}"), "instance type (integer) does not match any allowed "
                        + "primitive type (allowed: [\"object\"]) at rules[0]"),
                refused(Fixtures.json("{'rules': [{'selection': {" + TAGGED_V + "}}]}"),
                        "object has missing required properties ([\"action\",\"rulePriority\"])" + rules0),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "}, "
                        + "'action': {'type': 'expire'}, 'priority': 2, 'comment': 'x'}]}"),
                        "not allowed by the schema: ([\"comment\",\"priority\"])" + rules0),
                refused(policy(rule(0, TAGGED_V)),
                        "numeric instance is lower than the required minimum (minimum: 1, found: 0)"
                                + " at rules[0].rulePriority"),
                refused(policy(rule(-3, TAGGED_V)), "(minimum: 1, found: -3) at rules[0].rulePriority"),
                refused(Fixtures.json("{'rules': [{'rulePriority': '1', 'selection': {" + TAGGED_V + "}, "
                        + "'action': {'type': 'expire'}}]}"),
                        "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"]) "
                                + "at rules[0].rulePriority"),
                refused(policy(rule(1, TAGGED_V).replace("1,", "1.5,")),
                        "instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])"),
                refused(policy(rule(1, TAGGED_V).replace("1,", "3000000000,")),
                        "numeric instance is greater than the required maximum"
                                + " (maximum: 2147483647, found: 3000000000)"),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'description': 5, 'selection': {" + TAGGED_V
                        + "}, 'action': {'type': 'expire'}}]}"), "(allowed: [\"string\"]) at rules[0].description"),
                refused(policy(rule(1, "'tagStatus': 'bogus', " + COUNT_10)),
                        "instance value (bogus) not found in enum"
                                + " :(possible values: [\"any\", \"tagged\", \"untagged\"])"
                                + " at rules[0].selection.tagStatus"),
                refused(policy(rule(1, "'tagStatus': 'TAGGED', 'tagPrefixList': ['v'], " + COUNT_10)),
                        "instance value (TAGGED) not found in enum"),
                refused(policy(rule(1, "'tagPrefixList': ['v']")),
                        "object has missing required properties ([\"countNumber\",\"countType\",\"tagStatus\"])"
                                + sel0),
                refused(policy(rule(1, TAGGED_V + ", 'tagList': ['x']")),
                        "not allowed by the schema: ([\"tagList\"])" + sel0),
                refused(policy(rule(1, "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': 0")),
                        "numeric instance is lower than the required minimum (minimum: 1, found: 0)"
                                + " at rules[0].selection.countNumber"),
                refused(policy(rule(1, "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countNumber': '5'")),
                        "(allowed: [\"integer\"]) at rules[0].selection.countNumber"),
                refused(policy(rule(1, "'tagStatus': 'any', 'countType': 'imageCountLessThan', 'countNumber': 5")),
                        "instance value (imageCountLessThan) not found in enum :(possible values: "
                                + "[\"imageCountMoreThan\", \"sinceImagePulled\", \"sinceImagePushed\"])"),
                refused(policy(rule(1, "'tagStatus': 'any', 'countType': 'imageCountMoreThan', 'countUnit': 'days', "
                        + "'countNumber': 5")), "countUnit is not allowed with countType \"imageCountMoreThan\"" + ""),
                refused(policy(rule(1, "'tagStatus': 'untagged', 'countType': 'sinceImagePushed', 'countNumber': 7")),
                        "countUnit \"days\" is required with countType \"sinceImagePushed\"" + sel0),
                refused(policy(rule(1, "'tagStatus': 'untagged', 'countType': 'sinceImagePulled', 'countNumber': 7")),
                        "countUnit \"days\" is required with countType \"sinceImagePulled\"" + sel0),
                refused(policy(rule(1, "'tagStatus': 'untagged', 'countType': 'sinceImagePushed', "
                        + "'countUnit': 'hours', 'countNumber': 7")),
                        "instance value (hours) not found in enum :(possible values: [\"days\"])"
                        + " at rules[0].selection.countUnit"),
                refused(policy(rule(1, "'tagStatus': 'tagged', " + COUNT_10)),
                        "tagStatus \"tagged\" requires a tagPrefixList or a tagPatternList" + sel0),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': [], " + COUNT_10)),
                        "tagPrefixList must not be empty" + sel0),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': [], " + COUNT_10)),
                        "tagPatternList must not be empty" + sel0),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['v'], 'tagPatternList': ['v*'], "
                        + COUNT_10)), "tagPrefixList and tagPatternList cannot both be given in one rule" + sel0),
                refused(policy(rule(1, "'tagStatus': 'untagged', 'tagPrefixList': ['v'], " + DAYS_7)),
                        "tagPrefixList is only allowed with tagStatus \"tagged\", not \"untagged\"" + sel0),
                refused(policy(rule(1, "'tagStatus': 'any', 'tagPatternList': ['v*'], " + COUNT_10)),
                        "tagPatternList is only allowed with tagStatus \"tagged\", not \"any\"" + sel0),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': 'v', " + COUNT_10)),
                        "(allowed: [\"array\"]) at rules[0].selection.tagPrefixList"),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['v', 2], " + COUNT_10)),
                        "(allowed: [\"string\"]) at rules[0].selection.tagPrefixList[1]"),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['ok*', 'test*1*2*3*4*5*6'], "
                        + COUNT_10)), "tagPatternList entry \"test*1*2*3*4*5*6\" has 6 wildcards (*); at most 4 are "
                        + "allowed at rules[0].selection.tagPatternList[1]"),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['*a*b*c*d*'], " + COUNT_10)),
                        "has 5 wildcards"),
                refused(policy(rule(1, TAGGED_V), rule(1, UNTAGGED_7)),
                        "rulePriority 1 is used by more than one rule; each rule needs a unique rulePriority"),
                refused(policy(rule(1, "'tagStatus': 'any', " + COUNT_10), rule(2, TAGGED_V)),
                        "the rule with tagStatus \"any\" must have the highest rulePriority (it is applied last): "
                                + "rule 1 selects \"any\" but rule 2 comes after it"),
                refused(policy(rule(1, "'tagStatus': 'any', " + COUNT_10), rule(2, "'tagStatus': 'any', " + DAYS_7)),
                        "only one rule may have tagStatus \"any\"; rules 1 and 2 both do"),
                refused(policy(rule(1, UNTAGGED_7), rule(2, "'tagStatus': 'untagged', " + COUNT_10)),
                        "only one rule may have tagStatus \"untagged\"; rules 1 and 2 both do"),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPrefixList': ['a', 'b'], " + COUNT_10),
                        rule(5, "'tagStatus': 'tagged', 'tagPrefixList': ['b', 'a'], " + DAYS_7)),
                        "rules 1 and 5 have the same tagPrefixList [a, b];"
                                + " each tagged rule needs a unique set of tags"),
                refused(policy(rule(1, "'tagStatus': 'tagged', 'tagPatternList': ['v*'], " + COUNT_10),
                        rule(2, "'tagStatus': 'tagged', 'tagPatternList': ['v*'], " + DAYS_7)),
                        "rules 1 and 2 have the same tagPatternList [v*]"),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "}}]}"),
                        "object has missing required properties ([\"action\"])" + rules0),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "},"
                        + " 'action': {}}]}"),
                        "object has missing required properties ([\"type\"]) at rules[0].action"),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "}, "
                        + "'action': {'type': 'delete'}}]}"),
                        "instance value (delete) not found in enum :(possible values: [\"expire\"])"
                                + " at rules[0].action.type"),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "}, "
                        + "'action': {'type': 'expire', 'targetStorageClass': 'archive'}}]}"),
                        "targetStorageClass is only allowed with action type \"transition\" at rules[0].action"),
                refused(Fixtures.json("{'rules': [{'rulePriority': 1, 'selection': {" + TAGGED_V + "}, "
                        + "'action': {'type': 'transition', 'targetStorageClass': 'archive'}}]}"),
                        "action type \"transition\" is not supported by Berth (it has no archive storage class)"),
                refused(policy(rule(1, "'tagStatus': 'any', 'storageClass': 'archive', 'countType': "
                        + "'sinceImageTransitioned', 'countUnit': 'days', 'countNumber': 90")),
                        "storageClass \"archive\" is not supported by Berth (it has no archive storage class)" + sel0),
                refused(policy(rule(1, "'tagStatus': 'any', 'countType': 'sinceImageTransitioned', 'countUnit': "
                        + "'days', 'countNumber': 90")),
                        "countType \"sinceImageTransitioned\" is not supported by Berth"),
                refused(policy(rule(1, "'tagStatus': 'any', 'storageClass': 'cold', " + COUNT_10)),
                        "instance value (cold) not found in enum :(possible values: [\"standard\"])"),
                refused(policy(rule(2, TAGGED_V), rule(1, "'tagStatus': 'untagged', 'countType': 'sinceImagePushed', "
                        + "'countNumber': 7")), "countUnit \"days\" is required with countType \"sinceImagePushed\" "
                        + "at rules[1].selection"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("refused")
    void refuses(String json, String message) {
        assertThatThrownBy(() -> LifecyclePolicy.parse(json))
                .isInstanceOf(InvalidLifecyclePolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theEdgeGetsEcrsWording() {
        InvalidLifecyclePolicyException e = (InvalidLifecyclePolicyException) org.assertj.core.api.Assertions
                .catchThrowable(() -> LifecyclePolicy.parse(policy(rule(1, "'tagStatus': 'bogus', " + COUNT_10))));
        assertThat(e.detail()).isEqualTo(
                "instance value (bogus) not found in enum :(possible values: [\"any\", \"tagged\", \"untagged\"])");
        assertThat(e.location()).isEqualTo("rules[0].selection.tagStatus");
        assertThat(e.ecrMessage()).isEqualTo("Invalid parameter at 'LifecyclePolicyText' failed to satisfy "
                + "constraint: 'Lifecycle policy validation failure: " + e.detail()
                + " at rules[0].selection.tagStatus'");
    }

    @Test
    void descriptionIsKeptAndDefaultsToEmpty() {
        LifecyclePolicy p = Fixtures.seed("000-lifecycle.json");
        assertThat(p.rules().get(0).description()).isEqualTo("Keep last 10 tagged images");
        assertThat(LifecyclePolicy.parse(policy(rule(1, TAGGED_V))).rules().get(0).description()).isEmpty();
        assertThat(p.rules()).extracting(LifecycleRule::action).containsOnly(RuleAction.EXPIRE);
    }
}
