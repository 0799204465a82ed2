using System.CommandLine;
using System.Globalization;

namespace DulaRegistry.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Root() => new("--root")
    {
        Description = "The registry folder (holds registry.yml, agencies/ and agreements/)",
        DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
        HelpName = "DIR",
    };

    public static Option<string?> Today()
    {
        var option = new Option<string?>("--today")
        {
            Description = "The date to check expiry against, as YYYY-MM-DD (default: today's date)",
            HelpName = "YYYY-MM-DD",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"--today '{value}' is not a date; write YYYY-MM-DD");
            }
        });
        return option;
    }

    public static DateOnly ResolveToday(string? value) =>
        value is null ? DateOnly.FromDateTime(DateTime.Now) : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Checks that the root exists and looks like a registry; prints why not.</summary>
    public static bool CheckRoot(DirectoryInfo root)
    {
        if (!root.Exists)
        {
            Console.Error.WriteLine($"registry: the folder '{root.FullName}' does not exist; pass the registry folder with --root DIR");
            return false;
        }
        // Anything named agreements or agencies (even a file or a link) makes it a registry: the loader then says what is wrong with it.
        if (!Present(Path.Combine(root.FullName, "agreements")) && !Present(Path.Combine(root.FullName, "agencies")))
        {
            Console.Error.WriteLine($"registry: '{root.FullName}' has no agreements/ or agencies/ folder, so it is not a registry; pass the registry folder with --root DIR");
            return false;
        }
        return true;
    }

    private static bool Present(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
