using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Tests;

/// <summary>
/// The binder finds no type by reflection at run time (so the trimmed Native AOT build binds as the JIT build does): every
/// record, list and enum the front matter can hold must be described in <see cref="FrontMatterTypes"/>. This walks the model
/// from its roots, so a property added with a new type fails here rather than in a published tool.
/// </summary>
public class FrontMatterTypesTests
{
    [Fact]
    public void Every_type_the_model_holds_is_described()
    {
        var described = FrontMatterTypes.All.ToHashSet();
        var missing = Reachable(typeof(Agreement), typeof(Agency), typeof(RegistrySettings))
            .Where(NeedsDescription)
            .Where(t => !described.Contains(t))
            .Select(t => t.Name)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Nothing_is_described_that_the_model_does_not_hold()
    {
        var reachable = Reachable(typeof(Agreement), typeof(Agency), typeof(RegistrySettings));
        Assert.Empty(FrontMatterTypes.All.Where(t => !reachable.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void Keys_are_listed_in_declaration_order()
    {
        // A diagnostic lists the allowed keys in this order: the model's order, not a hash table's.
        var keys = FrontMatterBinder.PropertyKeys(typeof(Term)).ToList();
        Assert.Equal(["effective", "expires"], keys);
        Assert.Equal("id", FrontMatterBinder.PropertyKeys(typeof(Agreement)).First());
    }

    [Fact]
    public void A_type_not_described_is_named_in_the_error()
    {
        var error = Assert.Throws<NotSupportedException>(() => FrontMatterTypes.RecordOf(typeof(Uri)));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    private static bool NeedsDescription(Type type) => type.IsEnum || type.IsGenericType || (type.IsClass && type != typeof(string));

    /// <summary>The roots and every type their settable properties hold, through nullables and lists.</summary>
    private static HashSet<Type> Reachable(params Type[] roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type)) continue;
            if (type.IsGenericType) pending.Push(type.GetGenericArguments()[0]);
            else if (type.IsClass && type != typeof(string))
            {
                foreach (var property in type.GetProperties().Where(p => p.CanWrite)) pending.Push(property.PropertyType);
            }
        }
        return seen;
    }
}
