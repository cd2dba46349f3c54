using Bunit;
using Microsoft.AspNetCore.Components;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data.Queries;
using ReviewRoom.Web.Features.Notes.Components;

namespace ReviewRoom.UnitTests.Web.Notes;

public class NoteComposerTests : MudComponentTest
{
    private static readonly IReadOnlyList<MemberView> Members =
    [
        new(Guid.NewGuid(), "Dana Reyes", ProjectRole.Director),
        new(Guid.NewGuid(), "Wes Okafor", ProjectRole.Writer),
    ];

    private IRenderedComponent<NoteComposer> RenderComposer(Func<string, Task<string?>> submit) =>
        Render<NoteComposer>(p => p
            .Add(c => c.Id, "note-composer")
            .Add(c => c.Members, Members)
            .Add(c => c.OnSubmit, submit));

    [Fact]
    public void Send_IsOffUntilThereIsText_AndCancelShowsOnlyWhereItCanCancel()
    {
        var composer = RenderComposer(_ => Task.FromResult<string?>(null));

        Assert.True(composer.Find("[data-testid=composer-send]").HasAttribute("disabled"));
        Assert.DoesNotContain(composer.FindAll("button"), b => b.TextContent == "Cancel");
        composer.Find("textarea").Input("   ");
        Assert.True(composer.Find("[data-testid=composer-send]").HasAttribute("disabled"));
        composer.Find("textarea").Input("Worth saying");
        Assert.False(composer.Find("[data-testid=composer-send]").HasAttribute("disabled"));

        var cancelled = 0;
        var reply = Render<NoteComposer>(p => p
            .Add(c => c.Id, "reply-composer")
            .Add(c => c.Members, Members)
            .Add(c => c.OnSubmit, _ => Task.FromResult<string?>(null))
            .Add(c => c.OnCancel, () => cancelled++));
        reply.FindAll("button").Single(b => b.TextContent == "Cancel").Click();
        Assert.Equal(1, cancelled);
    }

    [Fact]
    public void Submit_Failing_KeepsTheTextAndSaysWhy()
    {
        var composer = RenderComposer(_ => Task.FromResult<string?>("That frame is past the end of the take."));

        composer.Find("textarea").Input("A careful note I do not want to type again");
        composer.Find("[data-testid=composer-send]").Click();

        Assert.Equal("A careful note I do not want to type again", composer.Find("textarea").GetAttribute("value"));
        Assert.Equal("That frame is past the end of the take.", composer.Find("[data-testid=composer-error]").TextContent);
    }

    [Fact]
    public void Submit_Throwing_KeepsTheText()
    {
        var composer = RenderComposer(_ => throw new TimeoutException());

        composer.Find("textarea").Input("Still here after a failure");
        composer.Find("[data-testid=composer-send]").Click();

        Assert.Equal("Still here after a failure", composer.Find("textarea").GetAttribute("value"));
        Assert.Contains("Your text is still here", composer.Find("[data-testid=composer-error]").TextContent);
    }

    [Fact]
    public void Submit_Succeeding_ClearsTheBox()
    {
        string? sent = null;
        var composer = RenderComposer(text => { sent = text; return Task.FromResult<string?>(null); });

        composer.Find("textarea").Input("Sky too bright");
        composer.Find("[data-testid=composer-send]").Click();

        Assert.Equal("Sky too bright", sent);
        Assert.Equal("", composer.Find("textarea").GetAttribute("value"));
    }

    [Fact]
    public async Task AfterASend_TheBoxIsDrawnEmptyAndReady_BeforeThePageHearsTheTypingStopped()
    {
        var stopped = new TaskCompletionSource();
        var composer = Render<NoteComposer>(p => p
            .Add(c => c.Id, "note-composer")
            .Add(c => c.Members, Members)
            .Add(c => c.OnSubmit, _ => Task.FromResult<string?>(null))
            .Add(c => c.OnTypingChanged, typing => typing ? Task.CompletedTask : stopped.Task));

        composer.Find("textarea").Input("Sky too bright");
        composer.Find("[data-testid=composer-send]").Click();

        // The page is still being told; what the browser has now must already take the next note.
        var box = composer.Find("textarea");
        Assert.Equal("", box.GetAttribute("value"));
        Assert.False(box.HasAttribute("disabled"));
        await composer.InvokeAsync(stopped.SetResult);
    }

    [Fact]
    public void KeysTypedWhileANoteIsSaving_StayInTheBox_AndTheSentTextDoesNotComeBack()
    {
        var sent = new List<string>();
        var saved = new TaskCompletionSource<string?>();
        var composer = RenderComposer(text => { sent.Add(text); return saved.Task; });

        composer.Find("textarea").Input("Sky too bright");
        composer.Find("[data-testid=composer-send]").Click();
        // The browser had not yet drawn the box disabled: its next keys arrive with the sent text still in front of them.
        composer.Find("textarea").Input("Sky too brightAnd the lamp");
        saved.SetResult(null);

        composer.WaitForAssertion(() => Assert.Equal("And the lamp", composer.Find("textarea").GetAttribute("value")));
        Assert.Equal(["Sky too bright"], sent);
    }

    [Fact]
    public void Typing_AnAt_SuggestsMatchingMembers()
    {
        var composer = RenderComposer(_ => Task.FromResult<string?>(null));

        composer.Find("textarea").Input("ask @ok");

        var option = Assert.Single(composer.FindAll("[data-testid=mention-option]"));
        Assert.Equal("Wes Okafor", option.GetAttribute("data-name"));
    }

    [Fact]
    public void Suggest_AfterAnEmailOrACompletedName_SuggestsNothing()
    {
        Assert.Empty(NoteComposer.Suggest("mail dana@studio", Members));
        Assert.Empty(NoteComposer.Suggest("@Wes Okafor", Members));
        Assert.Equal(2, NoteComposer.Suggest("@", Members).Count);
    }
}
