using System.Reflection;
using ReviewRoom.Core.Projects;

namespace ReviewRoom.UnitTests.Web.Architecture;

/// <summary>
/// Every command decides inside whether its caller may, so every command must be told who the caller is. A new
/// public method on a <c>*Commands</c> class that takes no <see cref="Actor"/> fails here until it is listed below
/// with the reason it needs none.
/// </summary>
public sealed class CommandActorTests
{
    private static readonly Dictionary<string, string> WithoutActor = new(StringComparer.Ordinal)
    {
        ["ApiTokenCommands.CreateForAsync"] = "the server's own command line makes a token for an owner it names",
        ["GenerationCommands.EstimateAsync"] = "reads only, for the request dialog of a person the take page already let in",
        ["GenerationCommands.SweepAsync"] = "the server's own clock times requests out; no one asks",
        ["IngestCommands.ValidateTargetAsync"] = "reads only; the upload it checks is authorised by RequireUploaderAsync first",
        ["IngestCommands.HasOriginal"] = "reads only, for an upload whose owner the tus endpoint already checked",
        ["IngestCommands.FindJobAsync"] = "reads only, for an upload whose owner the tus endpoint already checked",
        ["MemberCommands.PreviewAsync"] = "the invitation's secret is the authority: whoever holds the link may see what it offers",
        ["MemberCommands.AcceptForAsync"] = "an account made through the invitation joins by the invitation's secret",
        ["ReviewLinkCommands.PreviewAsync"] = "the review link's secret is the authority: whoever holds the link may see what it offers",
        ["ReviewLinkCommands.AdmitAsync"] = "the review link's secret (and its password) admit the guest; there is no one signed in yet",
        ["ProjectCommands.AddMemberAsync"] = "the room's own writes (demo seeding, project creation) after a command has authorised them",
        ["ProjectCommands.AddShotAsync"] = "the room's own writes, behind BoardCommands.AddShotAsync and the demo seeder",
        ["ProjectCommands.AddTakeAsync"] = "the ingest worker's write for a job that QueueAsync authorised",
        ["SessionCommands.Current"] = "reads only; the session bar is shown only on pages whose take the caller may see",
        ["SessionCommands.DropSeatAsync"] = "the circuit's own connection went down; the seat is the circuit's, no one asks",
    };

    private static IEnumerable<MethodInfo> CommandMethods() =>
        typeof(ReviewRoom.Web.Features.Projects.ProjectAccess).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsPublic && t.Name.EndsWith("Commands", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName);

    [Fact]
    public void EveryCommand_TakesTheActorFirst_OrSaysWhyItNeedsNone()
    {
        var missing = CommandMethods()
            .Where(m => m.GetParameters() is not [{ ParameterType: var first }, ..] || first != typeof(Actor))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Where(name => !WithoutActor.ContainsKey(name))
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0,
            $"These commands do not take the caller as an Actor first, so they cannot check who may: {string.Join(", ", missing)}. " +
            "Take the Actor and check inside, or list the method in CommandActorTests with the reason it needs no caller.");
    }

    [Fact]
    public void TheListOfExceptions_NamesOnlyMethodsThatExist()
    {
        var names = CommandMethods().Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();

        var stale = WithoutActor.Keys.Where(name => !names.Contains(name)).ToList();

        Assert.True(stale.Count == 0, $"Listed as needing no caller, but no such command exists: {string.Join(", ", stale)}.");
    }
}
