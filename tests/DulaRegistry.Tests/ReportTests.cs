using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using DulaRegistry.History;
using DulaRegistry.Loading;
using DulaRegistry.Reporting;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests;

/// <summary><c>registry report</c>: the typed report and its three renderings on a fixed fixture and a fixed --today.</summary>
public sealed class ReportTests
{
    private static readonly DateOnly s_today = new(2026, 11, 22);

    /// <summary>The executed DULA-2026-0007 (dor→dta), a drafting DULA-2025-0002, a legacy agreement expiring in 54 days and a final one without its service request.</summary>
    private static TempRegistry Registry() => Fixtures.Registry()
        .Write(Fixtures.OtherPath, Fixtures.Other)
        .Write("agreements/DULA-2024-0003.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2024-0003")
            .Edit("framework: mou", "framework: legacy").Edit("expires: 2029-01-31", "expires: 2027-01-15")
            .Edit("title: SNAP eligibility wage match", "title: Legacy wage match"))
        .Write("agreements/DULA-2026-0008.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0008")
            .Edit("status: executed", "status: final").RemoveLine("service_request:")
            .Edit("title: SNAP eligibility wage match", "title: Final wage match"))
        .Write("agreements/DULA-2026-0009.md", Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2026-0009")
            .Edit("status: drafting", "status: proposed").Edit("agency: dor", "agency: anf").Edit("from: dor", "from: anf")
            .Edit("title: Earlier wage match", "title: Budget data"));

    private static (ExitCode Exit, string Output, string Error) Run(string root, string format = "text", string? agency = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ReportCommand.Run(new DirectoryInfo(root), format, agency, s_today, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("text", TextGolden)]
    [InlineData("markdown", MarkdownGolden)]
    [InlineData("json", JsonGolden)]
    public void Report_in_each_format_matches_its_golden(string format, string golden)
    {
        using var registry = Registry();
        var (exit, output, error) = Run(registry.Root, format);
        exit.ShouldBe(ExitCode.Ok, error);
        output.ShouldBe(golden + "\n");
    }

    [Fact]
    public void Agency_restricts_to_agreements_where_it_is_a_party()
    {
        using var registry = Registry();
        var (exit, output, _) = Run(registry.Root, "text", "dor");
        exit.ShouldBe(ExitCode.Ok);
        output.ShouldContain("Only agreements where `dor` is a party.");
        output.ShouldContain("Pipeline by status (4 agreements)");
        output.ShouldNotContain("DULA-2026-0009");
        output.ShouldNotContain("anf (");
        Run(registry.Root, "text", "anf").Output.ShouldContain("Pipeline by status (1 agreement)");
    }

    [Fact]
    public void Unknown_agency_is_a_usage_error()
    {
        using var registry = Registry();
        var (exit, output, error) = Run(registry.Root, "text", "nope");
        exit.ShouldBe(ExitCode.Usage);
        output.ShouldBeEmpty();
        error.ShouldContain("--agency 'nope' names no agency");
    }

    [Fact]
    public void Registry_with_validation_errors_still_reports_and_says_so()
    {
        using var registry = Registry();
        registry.Write(Fixtures.OtherPath, Fixtures.Other.Edit("purpose: An earlier match.", "purpose: An earlier match.\npurpse: typo"));
        var (exit, output, _) = Run(registry.Root);
        exit.ShouldBe(ExitCode.Ok);
        output.Split('\n')[1].ShouldBe("Warning: The registry has 1 validation error (run `registry validate` to see them); this report shows the files as they are.");
        output.ShouldContain("Pipeline by status (5 agreements)");
    }

    [Fact]
    public void Unreadable_file_stops_the_report()
    {
        using var registry = Registry();
        registry.Write("agreements/DULA-2026-0010.md", "no front matter here\n");
        var (exit, output, error) = Run(registry.Root);
        exit.ShouldBe(ExitCode.ValidationFailed);
        output.ShouldBeEmpty();
        error.ShouldContain("DULA004");
        error.ShouldContain("no report");
    }

    [Fact]
    public void Stale_drafts_come_from_the_last_commit_that_changed_the_file()
    {
        using var git = new GitTestRepository();
        git.Commit("2026-09-01T10:00:00+00:00", "Add agencies and an old draft",
            [("agencies/anf.md", Fixtures.Anf), ("agencies/dor.md", Fixtures.Dor), ("agencies/dta.md", Fixtures.Dta), (Fixtures.OtherPath, Fixtures.Other)]);
        git.Commit("2026-10-23T10:00:00+00:00", "Add a recent draft",
            [("agreements/DULA-2026-0009.md", Fixtures.Other.Edit("id: DULA-2025-0002", "id: DULA-2026-0009"))]);
        var registry = RegistryLoader.Load(git.RegistryRoot, new DiagnosticBag());
        var report = PipelineReport.Build(registry, StatusHistory.Read(git.RegistryRoot), s_today);
        report.StaleDrafts.Available.ShouldBeTrue();
        // 82 days for the first; the second, 30 days untouched, is stale from its 30th day.
        report.StaleDrafts.Drafts.ShouldBe(
        [
            new StaleDraftRow("DULA-2025-0002", "Earlier wage match", "drafting", new DateOnly(2026, 9, 1), 82),
            new StaleDraftRow("DULA-2026-0009", "Earlier wage match", "drafting", new DateOnly(2026, 10, 23), 30),
        ]);
        var earlier = PipelineReport.Build(registry, StatusHistory.Read(git.RegistryRoot), new DateOnly(2026, 11, 21));
        earlier.StaleDrafts.Drafts.Select(d => d.Id).ShouldBe(["DULA-2025-0002"]);
        TextReportRenderer.Render(report).ShouldContain("  DULA-2025-0002  Earlier wage match  drafting, last changed 2026-09-01 (82 days ago)\n");
    }

    private const string TextGolden = """
        DULA Registry: pipeline report, 2026-11-22

        Pipeline by status (5 agreements)
          proposed     1
          drafting     1
          final        1
          executed     2

        Pipeline by agency
          anf (Executive Office for Administration and Finance): 1 (proposed 1)
          dor (Department of Revenue): 4 (drafting 1, final 1, executed 2)
          dta (Department of Transitional Assistance): 5 (proposed 1, drafting 1, final 1, executed 2)

        Executed agreements expiring within 90 days
          DULA-2024-0003  Legacy wage match  expires 2027-01-15 (54 days left)

        Drafts untouched for 30 days or more
          This needs Git history: run the report inside the registry's Git repository (not in a Git work tree, so no status history).

        Legacy agreements due to migrate
          DULA-2024-0003  Legacy wage match  expires 2027-01-15 (54 days left)

        Waiting on you
          anf (Executive Office for Administration and Finance)
            DULA-2026-0009 Budget data: `final` needs term.effective, the date it takes effect — the drafters
            DULA-2026-0009 Budget data: `final` needs term.expires, the date it expires — the drafters
            DULA-2026-0009 Budget data: `final` needs a DULA manager for ANF — ANF's coordinators (Blake Sample)
            DULA-2026-0009 Budget data: `final` needs a signatory for ANF — ANF's coordinators (Blake Sample)
          dor (Department of Revenue)
            DULA-2025-0002 Earlier wage match: `final` needs term.effective, the date it takes effect — the drafters
            DULA-2025-0002 Earlier wage match: `final` needs term.expires, the date it expires — the drafters
            DULA-2025-0002 Earlier wage match: `final` needs a DULA manager for DOR — DOR's coordinators
            DULA-2025-0002 Earlier wage match: `final` needs a signatory for DOR — DOR's coordinators
            DULA-2026-0008 Final wage match: `submitted` needs the Data Office service request number — the DULA managers
          dta (Department of Transitional Assistance)
            DULA-2025-0002 Earlier wage match: `final` needs term.effective, the date it takes effect — the drafters
            DULA-2025-0002 Earlier wage match: `final` needs term.expires, the date it expires — the drafters
            DULA-2025-0002 Earlier wage match: `final` needs a DULA manager for DTA — DTA's coordinators
            DULA-2025-0002 Earlier wage match: `final` needs a signatory for DTA — DTA's coordinators
            DULA-2026-0008 Final wage match: `submitted` needs the Data Office service request number — the DULA managers
            DULA-2026-0009 Budget data: `final` needs term.effective, the date it takes effect — the drafters
            DULA-2026-0009 Budget data: `final` needs term.expires, the date it expires — the drafters
            DULA-2026-0009 Budget data: `final` needs a DULA manager for DTA — DTA's coordinators
            DULA-2026-0009 Budget data: `final` needs a signatory for DTA — DTA's coordinators
        """;

    private const string MarkdownGolden = """
        # DULA Registry: pipeline report, 2026-11-22

        ## Pipeline by status (5 agreements)

        | Status | Agreements |
        | --- | --- |
        | `proposed` | 1 |
        | `drafting` | 1 |
        | `final` | 1 |
        | `executed` | 2 |

        ## Pipeline by agency

        | Agency | Agreements | By status |
        | --- | --- | --- |
        | Executive Office for Administration and Finance (`anf`) | 1 | proposed 1 |
        | Department of Revenue (`dor`) | 4 | drafting 1, final 1, executed 2 |
        | Department of Transitional Assistance (`dta`) | 5 | proposed 1, drafting 1, final 1, executed 2 |

        ## Executed agreements expiring within 90 days

        | Agreement | Title | Expires | Days left |
        | --- | --- | --- | --- |
        | DULA-2024-0003 | Legacy wage match | 2027-01-15 | 54 days left |

        ## Drafts untouched for 30 days or more

        This needs Git history: run the report inside the registry's Git repository (not in a Git work tree, so no status history).

        ## Legacy agreements due to migrate

        | Agreement | Title | Expires | Days left |
        | --- | --- | --- | --- |
        | DULA-2024-0003 | Legacy wage match | 2027-01-15 | 54 days left |

        ## Waiting on you

        ### Executive Office for Administration and Finance (`anf`)

        - DULA-2026-0009 Budget data: `final` needs term.effective, the date it takes effect — the drafters
        - DULA-2026-0009 Budget data: `final` needs term.expires, the date it expires — the drafters
        - DULA-2026-0009 Budget data: `final` needs a DULA manager for ANF — ANF's coordinators (Blake Sample)
        - DULA-2026-0009 Budget data: `final` needs a signatory for ANF — ANF's coordinators (Blake Sample)

        ### Department of Revenue (`dor`)

        - DULA-2025-0002 Earlier wage match: `final` needs term.effective, the date it takes effect — the drafters
        - DULA-2025-0002 Earlier wage match: `final` needs term.expires, the date it expires — the drafters
        - DULA-2025-0002 Earlier wage match: `final` needs a DULA manager for DOR — DOR's coordinators
        - DULA-2025-0002 Earlier wage match: `final` needs a signatory for DOR — DOR's coordinators
        - DULA-2026-0008 Final wage match: `submitted` needs the Data Office service request number — the DULA managers

        ### Department of Transitional Assistance (`dta`)

        - DULA-2025-0002 Earlier wage match: `final` needs term.effective, the date it takes effect — the drafters
        - DULA-2025-0002 Earlier wage match: `final` needs term.expires, the date it expires — the drafters
        - DULA-2025-0002 Earlier wage match: `final` needs a DULA manager for DTA — DTA's coordinators
        - DULA-2025-0002 Earlier wage match: `final` needs a signatory for DTA — DTA's coordinators
        - DULA-2026-0008 Final wage match: `submitted` needs the Data Office service request number — the DULA managers
        - DULA-2026-0009 Budget data: `final` needs term.effective, the date it takes effect — the drafters
        - DULA-2026-0009 Budget data: `final` needs term.expires, the date it expires — the drafters
        - DULA-2026-0009 Budget data: `final` needs a DULA manager for DTA — DTA's coordinators
        - DULA-2026-0009 Budget data: `final` needs a signatory for DTA — DTA's coordinators
        """;

    private const string JsonGolden = """
        {
          "registry": "DULA Registry",
          "today": "2026-11-22",
          "agency": null,
          "errors": 0,
          "renewal_window_days": 90,
          "agreements": 5,
          "by_status": [
            {
              "status": "proposed",
              "count": 1
            },
            {
              "status": "drafting",
              "count": 1
            },
            {
              "status": "final",
              "count": 1
            },
            {
              "status": "executed",
              "count": 2
            }
          ],
          "by_agency": [
            {
              "agency": "anf",
              "name": "Executive Office for Administration and Finance",
              "total": 1,
              "by_status": [
                {
                  "status": "proposed",
                  "count": 1
                }
              ]
            },
            {
              "agency": "dor",
              "name": "Department of Revenue",
              "total": 4,
              "by_status": [
                {
                  "status": "drafting",
                  "count": 1
                },
                {
                  "status": "final",
                  "count": 1
                },
                {
                  "status": "executed",
                  "count": 2
                }
              ]
            },
            {
              "agency": "dta",
              "name": "Department of Transitional Assistance",
              "total": 5,
              "by_status": [
                {
                  "status": "proposed",
                  "count": 1
                },
                {
                  "status": "drafting",
                  "count": 1
                },
                {
                  "status": "final",
                  "count": 1
                },
                {
                  "status": "executed",
                  "count": 2
                }
              ]
            }
          ],
          "expiring": [
            {
              "id": "DULA-2024-0003",
              "title": "Legacy wage match",
              "expires": "2027-01-15",
              "days_left": 54
            }
          ],
          "stale_drafts": {
            "available": false,
            "note": "not in a Git work tree, so no status history",
            "drafts": []
          },
          "legacy_to_migrate": [
            {
              "id": "DULA-2024-0003",
              "title": "Legacy wage match",
              "expires": "2027-01-15",
              "days_left": 54
            }
          ],
          "waiting_on_you": [
            {
              "agency": "anf",
              "name": "Executive Office for Administration and Finance",
              "items": [
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs term.effective, the date it takes effect — the drafters"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs term.expires, the date it expires — the drafters"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs a DULA manager for ANF — ANF's coordinators (Blake Sample)"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs a signatory for ANF — ANF's coordinators (Blake Sample)"
                }
              ]
            },
            {
              "agency": "dor",
              "name": "Department of Revenue",
              "items": [
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs term.effective, the date it takes effect — the drafters"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs term.expires, the date it expires — the drafters"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs a DULA manager for DOR — DOR's coordinators"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs a signatory for DOR — DOR's coordinators"
                },
                {
                  "id": "DULA-2026-0008",
                  "title": "Final wage match",
                  "text": "`submitted` needs the Data Office service request number — the DULA managers"
                }
              ]
            },
            {
              "agency": "dta",
              "name": "Department of Transitional Assistance",
              "items": [
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs term.effective, the date it takes effect — the drafters"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs term.expires, the date it expires — the drafters"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs a DULA manager for DTA — DTA's coordinators"
                },
                {
                  "id": "DULA-2025-0002",
                  "title": "Earlier wage match",
                  "text": "`final` needs a signatory for DTA — DTA's coordinators"
                },
                {
                  "id": "DULA-2026-0008",
                  "title": "Final wage match",
                  "text": "`submitted` needs the Data Office service request number — the DULA managers"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs term.effective, the date it takes effect — the drafters"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs term.expires, the date it expires — the drafters"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs a DULA manager for DTA — DTA's coordinators"
                },
                {
                  "id": "DULA-2026-0009",
                  "title": "Budget data",
                  "text": "`final` needs a signatory for DTA — DTA's coordinators"
                }
              ]
            }
          ]
        }
        """;
}
