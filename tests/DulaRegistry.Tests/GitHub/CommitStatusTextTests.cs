using DulaRegistry.Approvals;

namespace DulaRegistry.Tests.GitHub;

/// <summary>The one-line description of the registry/legal-review status.</summary>
public class CommitStatusTextTests
{
    private static PartyApproval Waiting(string label) => new(label.ToLowerInvariant(), label, [], ["@org/" + label], []);

    [Fact]
    public void Names_each_waiting_agency_once()
    {
        var report = new ApprovalReport("sha", [
            new AgreementApproval("agreements/a.md", "a", null, [Waiting("DPH"), Waiting("DOR")]),
            new AgreementApproval("agreements/b.md", "b", null, [Waiting("DOR")]),
        ], []);
        CommitStatusText.Describe(report).ShouldBe("waiting on DPH legal, DOR legal");
    }

    [Fact]
    public void A_long_list_is_cut_to_140_characters_saying_how_many_more()
    {
        var parties = Enumerable.Range(0, 40).Select(i => Waiting($"AGENCY{i}")).ToList();
        var text = CommitStatusText.Describe(new ApprovalReport("sha", [new AgreementApproval("agreements/a.md", "a", null, parties)], []));
        text.Length.ShouldBeLessThanOrEqualTo(140);
        text.ShouldStartWith("waiting on AGENCY0 legal, AGENCY1 legal");
        text.ShouldMatch(@" and \d+ more$");
    }
}
