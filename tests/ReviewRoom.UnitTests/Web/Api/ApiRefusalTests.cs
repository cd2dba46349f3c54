using Microsoft.AspNetCore.Http;
using ReviewRoom.Core;
using ReviewRoom.Web.Features.Api;

namespace ReviewRoom.UnitTests.Web.Api;

public class ApiRefusalTests
{
    [Theory]
    [InlineData(DomainProblem.NotFound, StatusCodes.Status404NotFound, "Not found")]
    [InlineData(DomainProblem.Forbidden, StatusCodes.Status403Forbidden, "Not allowed")]
    [InlineData(DomainProblem.BrokenRule, StatusCodes.Status422UnprocessableEntity, "The take cannot go on that shot")]
    public void ACommandsRefusal_BecomesTheMatchingProblem_WithItsOwnMessage(DomainProblem problem, int status, string title)
    {
        var result = ApiEndpoints.Refused(new DomainException("Because.", problem), "The take cannot go on that shot");

        Assert.Equal(status, result.StatusCode);
        Assert.Equal(title, result.ProblemDetails.Title);
        Assert.Equal("Because.", result.ProblemDetails.Detail);
    }

    [Fact]
    public void TooOften_Is429()
    {
        Assert.Equal(StatusCodes.Status429TooManyRequests, ApiEndpoints.Refused(new RateLimitedException("Wait.", TimeSpan.FromSeconds(3)), "x").StatusCode);
        Assert.Equal(DomainProblem.NotFound, DomainException.NotFound("gone").Problem);
        Assert.Equal(DomainProblem.Forbidden, DomainException.Forbidden("no").Problem);
        Assert.Equal(DomainProblem.BrokenRule, new DomainException("bad").Problem);
    }
}
