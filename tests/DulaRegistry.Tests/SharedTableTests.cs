using DulaRegistry.Loading;
using Shouldly;
using Xunit;

namespace DulaRegistry.Tests;

public class SharedTableTests
{
    [Fact]
    public void The_first_value_kept_for_a_key_is_the_one_every_later_caller_gets()
    {
        var table = new SharedTable<string, string>(maxCount: 10, StringComparer.Ordinal);
        var first = new string('a', 3);
        var second = new string('a', 3);
        table.Keep(first, first).ShouldBeSameAs(first);
        table.Keep(second, second).ShouldBeSameAs(first);
        table.TryGet("aaa", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(first);
        table.AlternateLookup<ReadOnlySpan<char>>().TryGetValue("aaa".AsSpan(), out var bySpan).ShouldBeTrue();
        bySpan.ShouldBeSameAs(first);
    }

    [Fact]
    public void Past_its_bound_a_new_value_is_handed_back_unshared_and_the_kept_ones_stay_shared()
    {
        var table = new SharedTable<int, object>(maxCount: 2);
        var one = table.Keep(1, new object());
        table.Keep(2, new object());
        var made = new object();
        table.Keep(3, made).ShouldBeSameAs(made);
        table.TryGet(3, out _).ShouldBeFalse();
        table.TryGet(1, out var kept).ShouldBeTrue();
        kept.ShouldBeSameAs(one);
    }
}
