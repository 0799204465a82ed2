namespace DulaRegistry.Diagnostics;

/// <summary>A rule: its stable code, default severity and a one-line summary (documented in the README).</summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title);

/// <summary>Every diagnostic code the tool emits, in one place. Codes are stable: never renumber.</summary>
public static class DiagnosticCodes
{
    // Files and YAML
    public const string FileUnreadable = "DULA001";
    public const string FileTooLarge = "DULA002";
    public const string NotText = "DULA003";
    public const string NoFrontMatter = "DULA004";
    public const string UnterminatedFrontMatter = "DULA005";
    public const string YamlSyntax = "DULA006";
    public const string DuplicateKey = "DULA007";
    public const string AliasNotAllowed = "DULA008";
    public const string TooDeep = "DULA009";
    public const string UnknownKey = "DULA010";
    public const string WrongType = "DULA011";
    public const string InvalidValue = "DULA012";
    public const string MissingField = "DULA013";
    public const string UnexpectedFile = "DULA014";
    public const string InvisibleCharacter = "DULA015";
    public const string TooManyValues = "DULA016";

    // Identity and references
    public const string IdFormat = "DULA020";
    public const string IdFileName = "DULA021";
    public const string DuplicateId = "DULA022";
    public const string UnknownAgency = "DULA023";
    public const string UnknownAgreement = "DULA024";
    public const string Secretariat = "DULA025";
    public const string NoSecretariat = "DULA026";

    // Parties and data flows
    public const string NotMouSignatory = "DULA030";
    public const string OwnerAndRecipient = "DULA031";
    public const string DuplicateParty = "DULA032";
    public const string FlowSource = "DULA033";
    public const string FlowTarget = "DULA034";
    public const string ProtectedNeedsAuthority = "DULA035";
    public const string ProtectedNeedsRetention = "DULA036";
    public const string ProtectedNeedsSafeguards = "DULA037";

    // Term
    public const string TermOrder = "DULA040";
    public const string TermTooLong = "DULA041";
    public const string ExpiredButExecuted = "DULA042";
    public const string LegacyRenewal = "DULA043";

    // Lifecycle requirements
    public const string NeedsManagerAndSignatory = "DULA050";
    public const string SignatoryNotAuthorized = "DULA051";
    public const string NeedsServiceRequest = "DULA052";
    public const string NeedsSignatures = "DULA053";
    public const string NeedsExecutedCopy = "DULA054";
    public const string NeedsEndDate = "DULA055";
    public const string NeedsTerm = "DULA056";

    // Body
    public const string MissingSection = "DULA060";
    public const string RawHtml = "DULA061";
    public const string UnsafeLink = "DULA062";
    public const string TemplateLeftover = "DULA063";

    // Changes against a base revision (`validate --base REF`)
    public const string StatusTransition = "DULA070";
    public const string NewFileStatus = "DULA071";
    public const string ExecutedChanged = "DULA072";
    public const string EndedChanged = "DULA073";
    public const string FileDeletedOrRenamed = "DULA074";
    public const string IdReused = "DULA075";
    public const string AmendsNotExecuted = "DULA076";

    // Settings and internal
    public const string Settings = "DULA090";
    public const string Internal = "DULA099";

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        new(FileUnreadable, Severity.Error, "The file cannot be read: an I/O error, or not a file (a link, folder, pipe, socket or device)."),
        new(FileTooLarge, Severity.Error, "The file is larger than `max_file_bytes` (default 1 MiB)."),
        new(NotText, Severity.Error, "The file is binary or not valid UTF-8 text."),
        new(NoFrontMatter, Severity.Error, "The file is empty or does not start with a `---` front-matter block."),
        new(UnterminatedFrontMatter, Severity.Error, "The front matter has no closing `---` line."),
        new(YamlSyntax, Severity.Error, "The front matter is not valid YAML (including tabs used for indentation)."),
        new(DuplicateKey, Severity.Error, "A key appears twice in the same mapping."),
        new(AliasNotAllowed, Severity.Error, "YAML anchors, aliases and tags are not allowed."),
        new(TooDeep, Severity.Error, "The YAML, or the Markdown body, is nested too deeply."),
        new(UnknownKey, Severity.Error, "A key that schema v1 does not define (often a misspelling)."),
        new(WrongType, Severity.Error, "A value of the wrong kind: text, list or mapping."),
        new(InvalidValue, Severity.Error, "A value outside its allowed set, or a date or number that does not parse."),
        new(MissingField, Severity.Error, "A required field is missing or empty."),
        new(UnexpectedFile, Severity.Error, "A file in `agreements/` or `agencies/` that is not `<id>.md`; it would be ignored."),
        new(InvisibleCharacter, Severity.Error, "The file holds an invisible control character or a Unicode non-character."),
        new(TooManyValues, Severity.Error, "The front matter holds more YAML values than any registry file needs."),
        new(IdFormat, Severity.Error, "The id is not of the required form."),
        new(IdFileName, Severity.Error, "The id differs from the file name."),
        new(DuplicateId, Severity.Error, "Two files declare the same id."),
        new(UnknownAgency, Severity.Error, "A referenced agency has no file in `agencies/`."),
        new(UnknownAgreement, Severity.Error, "`amends`, `supersedes` or `superseded_by` names an agreement that does not exist."),
        new(Secretariat, Severity.Error, "An agency's `secretariat` is not a secretariat, or a secretariat names one."),
        new(NoSecretariat, Severity.Warning, "An agency of `kind: agency` names no `secretariat`, so the site cannot group it."),
        new(NotMouSignatory, Severity.Error, "A party has not signed the MOU and the agreement is not `framework: legacy`."),
        new(OwnerAndRecipient, Severity.Error, "An agreement needs at least one data owner and one data recipient."),
        new(DuplicateParty, Severity.Error, "An agency is listed twice as a party."),
        new(FlowSource, Severity.Error, "A data item's `from` is not a party with role owner or both."),
        new(FlowTarget, Severity.Error, "A data item's `to` is not a party with role recipient or both."),
        new(ProtectedNeedsAuthority, Severity.Error, "PII or protected data needs `legal_authority`."),
        new(ProtectedNeedsRetention, Severity.Error, "PII or protected data needs `retention`."),
        new(ProtectedNeedsSafeguards, Severity.Error, "PII or protected data needs a non-empty Security safeguards section."),
        new(TermOrder, Severity.Error, "`term.effective` is after `term.expires`."),
        new(TermTooLong, Severity.Error, "The term is longer than `max_term_years` (default 5)."),
        new(ExpiredButExecuted, Severity.Warning, "An executed agreement is past `term.expires`; mark it expired or renew it."),
        new(LegacyRenewal, Severity.Warning, "A legacy agreement is within the renewal window and must move to the framework at renewal."),
        new(NeedsManagerAndSignatory, Severity.Error, "From `final` on, every party needs a `dula_manager` and a `signatory`."),
        new(SignatoryNotAuthorized, Severity.Error, "A party's signatory is not listed under the agency's `signatories`."),
        new(NeedsServiceRequest, Severity.Error, "From `submitted` on, the agreement needs a `service_request`."),
        new(NeedsSignatures, Severity.Error, "From `executed` on, every party needs one dated signature, and only parties sign."),
        new(NeedsExecutedCopy, Severity.Error, "From `executed` on, `executed_copy.sha256` (64 hex digits) is required."),
        new(NeedsEndDate, Severity.Error, "Terminated and superseded agreements need `ended`; superseded ones also `superseded_by`."),
        new(NeedsTerm, Severity.Error, "From `final` on, `term.effective` and `term.expires` are required."),
        new(MissingSection, Severity.Error, "A required `##` section of the body is missing."),
        new(RawHtml, Severity.Error, "Raw HTML in the body; use Markdown."),
        new(UnsafeLink, Severity.Error, "A `javascript:`, `data:` or `vbscript:` link in the body."),
        new(TemplateLeftover, Severity.Warning, "Text left from the template (a `{{placeholder}}`, a guidance comment or quote, `TODO`): a warning while `proposed` or `drafting`, an error from `in-review` on."),
        new(StatusTransition, Severity.Error, "The status skips a lifecycle step or moves back where that is not allowed (against `--base`)."),
        new(NewFileStatus, Severity.Error, "A new agreement starts at `proposed` or `drafting`, unless it is `framework: legacy` (against `--base`)."),
        new(ExecutedChanged, Severity.Error, "An executed agreement changed other than by ending (expired, terminated, superseded); amend it instead (against `--base`)."),
        new(EndedChanged, Severity.Error, "An expired, terminated, superseded or withdrawn agreement changed; it is final (against `--base`)."),
        new(FileDeletedOrRenamed, Severity.Error, "An agreement file was deleted or renamed; files under `agreements/` are permanent (against `--base`)."),
        new(IdReused, Severity.Error, "A new agreement file reuses the id of an existing agreement (against `--base`)."),
        new(AmendsNotExecuted, Severity.Error, "A new or changed `amends` names an agreement that is not executed (against `--base`)."),
        new(Settings, Severity.Error, "`registry.yml` has an invalid setting."),
        new(Internal, Severity.Error, "An internal error of the tool while checking this file; please report it."),
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byCode = All.ToDictionary(d => d.Code);

    public static DiagnosticDescriptor Get(string code) => s_byCode[code];
}
