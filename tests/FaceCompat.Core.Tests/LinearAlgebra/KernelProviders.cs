using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests.LinearAlgebra;

/// <summary>Every provider this machine has: managed always, OpenBLAS when its libraries load.</summary>
public static class KernelProviders
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in List())
        {
            data.Add(name);
        }

        return data;
    }

    public static IEnumerable<string> List()
    {
        yield return "managed";
        if (DenseKernels.TryGetOpenBlas(out _))
        {
            yield return "openblas";
        }
    }

    public static IDenseKernels Get(string name) => DenseKernels.Choose(name);
}

/// <summary>A fact skipped, with the reason, when OpenBLAS/LAPACKE are not installed.</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    public OpenBlasFactAttribute()
    {
        if (!DenseKernels.TryGetOpenBlas(out _))
        {
            Skip = DenseKernels.OpenBlasProblem ?? "OpenBLAS is not available.";
        }
    }
}
