using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DulaRegistry.Tests.GitHub;

/// <summary>
/// .github/workflows/legal-review.yml is safe for pull requests from forks: the tool is built from the base branch,
/// the head is checked out without credentials and only passed as --root, permissions are least privilege, and every
/// action is pinned to a full commit SHA.
/// </summary>
public partial class LegalReviewWorkflowTests
{
    private static readonly YamlMappingNode s_workflow = Load();

    [GeneratedRegex(@"^[^@\s]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedUses();

    private static YamlMappingNode Load()
    {
        var path = Path.Combine(RepoPaths.Root, ".github", "workflows", "legal-review.yml");
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<YamlMappingNode> Jobs() => Map(s_workflow, "jobs").Children.Values.Cast<YamlMappingNode>();

    private static List<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();

    private static bool IsCheckout(YamlMappingNode step) => Scalar(step, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true;

    private static string? With(YamlMappingNode step, string key) =>
        step.Children.TryGetValue(new YamlScalarNode("with"), out var with) ? Scalar((YamlMappingNode)with, key) : null;

    private static bool ChecksOutHead(YamlMappingNode step) => IsCheckout(step) && (With(step, "ref") ?? "").Contains("head", StringComparison.Ordinal);

    [Fact]
    public void Runs_on_pull_request_target_and_on_reviews()
    {
        var on = Map(s_workflow, "on");
        on.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["pull_request_target", "pull_request_review"]);
        ((YamlSequenceNode)Map(on, "pull_request_target")["types"]).Select(n => ((YamlScalarNode)n).Value)
            .ShouldBe(["opened", "synchronize", "reopened", "ready_for_review"]);
        ((YamlSequenceNode)Map(on, "pull_request_review")["types"]).Select(n => ((YamlScalarNode)n).Value).ShouldBe(["submitted", "dismissed"]);
    }

    [Fact]
    public void Permissions_are_exactly_the_three_and_no_job_widens_them()
    {
        Map(s_workflow, "permissions").Children.ToDictionary(k => ((YamlScalarNode)k.Key).Value!, v => ((YamlScalarNode)v.Value).Value)
            .ShouldBe(new Dictionary<string, string?> { ["statuses"] = "write", ["pull-requests"] = "read", ["contents"] = "read" }, ignoreOrder: true);
        Jobs().ShouldAllBe(job => !job.Children.ContainsKey(new YamlScalarNode("permissions")));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha()
    {
        var uses = Jobs().SelectMany(Steps).Select(s => Scalar(s, "uses")).OfType<string>().ToList();
        uses.ShouldNotBeEmpty();
        uses.ShouldAllBe(u => PinnedUses().IsMatch(u));
    }

    [Fact]
    public void The_tool_is_built_from_the_base_branch_before_the_head_is_checked_out()
    {
        foreach (var job in Jobs())
        {
            var steps = Steps(job);
            var baseCheckout = steps.FindIndex(s => IsCheckout(s) && !ChecksOutHead(s));
            baseCheckout.ShouldBeGreaterThanOrEqualTo(0);
            With(steps[baseCheckout], "ref").ShouldBe("${{ github.event.pull_request.base.ref }}");
            var basePath = With(steps[baseCheckout], "path").ShouldNotBeNull();

            var build = steps.FindIndex(s => Scalar(s, "run")?.Contains("dotnet build", StringComparison.Ordinal) == true);
            build.ShouldBeGreaterThan(baseCheckout);
            Scalar(steps[build], "working-directory").ShouldBe(basePath);
            var head = steps.FindIndex(ChecksOutHead);
            head.ShouldBeGreaterThan(build);
        }
    }

    [Fact]
    public void The_head_is_checked_out_without_credentials_and_only_passed_as_root()
    {
        foreach (var job in Jobs())
        {
            var steps = Steps(job);
            var heads = steps.Where(ChecksOutHead).ToList();
            heads.ShouldHaveSingleItem();
            foreach (var head in heads)
            {
                With(head, "persist-credentials").ShouldBe("false");
                var path = With(head, "path").ShouldNotBeNull();
                foreach (var step in steps.Where(s => Scalar(s, "run") is not null))
                {
                    var run = Scalar(step, "run")!;
                    // No step runs inside the head's folder or from its code, and the head's folder appears only as --root.
                    (Scalar(step, "working-directory") ?? "").ShouldNotContain(path);
                    Regex.Count(run, Regex.Escape(path)).ShouldBe(Regex.Count(run, $@"--root ""\$GITHUB_WORKSPACE/{Regex.Escape(path)}"""), run);
                    run.ShouldNotContain("github.event.pull_request.head");
                    run.ShouldNotContain("${{");
                }
            }
        }
    }

    [Fact]
    public void Team_members_are_read_with_the_members_token_secret()
    {
        var step = Jobs().SelectMany(Steps).Single(s => Scalar(s, "run")?.Contains("approvals", StringComparison.Ordinal) == true);
        Scalar(Map(step, "env"), "REGISTRY_MEMBERS_TOKEN").ShouldBe("${{ secrets.REGISTRY_MEMBERS_TOKEN }}");
        Scalar(step, "run")!.ShouldContain("--set-status");
    }
}
