using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FaceCompat.LinearAlgebra.Native;

/// <summary>
/// Chooses OpenBLAS's kernel family before the library loads. A DYNAMIC_ARCH OpenBLAS picks its
/// kernels from a table of CPU models; a release older than the processor does not know it and
/// falls back to Prescott (SSE3). Debian's 0.3.21 does so on 5th-generation Xeons (family 6,
/// model 207): measured sgemm 39 GFLOP/s there, slower than FaceCompat's managed kernel, instead
/// of the AVX-512 kernels' several times more. On Intel processors, for which OpenBLAS chooses by
/// instruction set anyway (SkylakeX for AVX-512, Haswell for AVX2 + FMA), this sets
/// <c>OPENBLAS_CORETYPE</c> to that family unless the user has set it. AMD processors are left to
/// OpenBLAS (0.3.21 knows Zen 1 to 4). OpenBLAS reads the variable from the process environment
/// when it initialises, so it is set with libc's <c>setenv</c>: .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code.
/// </summary>
internal static partial class OpenBlasCoreType
{
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>The family this processor should use, or null to leave the choice to OpenBLAS.</summary>
    public static string? Recommended()
    {
        if (!X86Base.IsSupported || !IsIntel())
        {
            return null;
        }

        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported)
        {
            return "SkylakeX";
        }

        return Avx2.IsSupported && Fma.IsSupported ? "Haswell" : null;
    }

    /// <summary>Sets <see cref="Variable"/> for the native side when the user has not and a family is recommended.</summary>
    /// <returns>The value set, or null when nothing was changed.</returns>
    public static string? ApplyUnlessSet()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)) || !OperatingSystem.IsLinux())
        {
            return null;
        }

        string? family = Recommended();
        if (family is null)
        {
            return null;
        }

        try
        {
            return SetEnv(Variable, family, 0) == 0 ? family : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static bool IsIntel()
    {
        (_, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        // "GenuineIntel" in EBX, EDX, ECX.
        return ebx == 0x756E6547 && edx == 0x49656E69 && ecx == 0x6C65746E;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
