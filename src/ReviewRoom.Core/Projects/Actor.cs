using ReviewRoom.Core.Integrations;

namespace ReviewRoom.Core.Projects;

/// <summary>
/// Who asks: resolved once where a request enters (a page's circuit, a hub connection, an API call) from what
/// the server itself issued, the sign-in cookie or an API token, and handed to every command, which checks its
/// own rule with it. A person's role belongs to a project, so commands look it up for the project they touch.
/// </summary>
public abstract record Actor
{
    private Actor()
    {
    }

    /// <summary>The signed-in account's id: a person's or a guest's; a pipeline and an anonymous caller have none.</summary>
    public virtual Guid? UserId => null;

    public virtual string DisplayName => "";

    /// <summary>A site administrator sees every project and may manage it where the rule allows.</summary>
    public bool IsAdministrator => this is Person { Administrator: true };

    /// <summary>Nobody signed in: may read nothing and change nothing.</summary>
    public sealed record Anonymous : Actor
    {
        public static Anonymous Instance { get; } = new();
    }

    /// <summary>An account that may be a member of projects.</summary>
    public sealed record Person(Guid Id, string Name, bool Administrator) : Actor
    {
        public override Guid? UserId => Id;

        public override string DisplayName => Name;
    }

    /// <summary>Someone who came in by a review link: sees and acts on the takes it covers while it is usable, nothing else.</summary>
    public sealed record Guest(Guid Id, string Name, Guid LinkId) : Actor
    {
        public override Guid? UserId => Id;

        public override string DisplayName => Name;
    }

    /// <summary>A pipeline holding one project's API token, bounded by that project and the token's scope.</summary>
    public sealed record Pipeline(Guid TokenId, Guid ProjectId, string TokenName, ApiTokenScope Scope) : Actor
    {
        /// <summary>Whether the token may change its project (add shots, bring takes), not only read it.</summary>
        public bool MayChange => Scope == ApiTokenScope.ReadIngest;

        public override string DisplayName => TokenName;
    }
}
