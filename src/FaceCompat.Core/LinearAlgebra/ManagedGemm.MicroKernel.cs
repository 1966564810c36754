using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FaceCompat.LinearAlgebra;

internal static partial class ManagedGemm
{
    /// <summary>
    /// C[0..Rows, 0..Columns) += alpha * (A panel) x (B panel) over kc steps. Vector512 where
    /// accelerated: 12 rows x 2 vectors = 24 accumulators of its 32 registers, each step two vector
    /// loads of B, twelve broadcasts of A, 24 FMAs. Else Vector256 with 6 rows (12 accumulators of 16).
    /// </summary>
    private static unsafe void MicroKernel<T>(int kc, T* a, T* b, T* c, int ldc, T alpha)
        where T : unmanaged, INumber<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            MicroKernel512(kc, a, b, c, ldc, alpha);
        }
        else
        {
            MicroKernel256(kc, a, b, c, ldc, alpha);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MicroKernel512<T>(int kc, T* a, T* b, T* c, int ldc, T alpha)
        where T : unmanaged, INumber<T>
    {
        int w = Vector512<T>.Count;
        Vector512<T> c000 = default, c001 = default, c010 = default, c011 = default, c020 = default, c021 = default;
        Vector512<T> c030 = default, c031 = default, c040 = default, c041 = default, c050 = default, c051 = default;
        Vector512<T> c060 = default, c061 = default, c070 = default, c071 = default, c080 = default, c081 = default;
        Vector512<T> c090 = default, c091 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> x00 = Vector512.Create(a[0]);
            c000 = Fma(x00, b0, c000);
            c001 = Fma(x00, b1, c001);
            x00 = Vector512.Create(a[1]);
            c010 = Fma(x00, b0, c010);
            c011 = Fma(x00, b1, c011);
            x00 = Vector512.Create(a[2]);
            c020 = Fma(x00, b0, c020);
            c021 = Fma(x00, b1, c021);
            x00 = Vector512.Create(a[3]);
            c030 = Fma(x00, b0, c030);
            c031 = Fma(x00, b1, c031);
            x00 = Vector512.Create(a[4]);
            c040 = Fma(x00, b0, c040);
            c041 = Fma(x00, b1, c041);
            x00 = Vector512.Create(a[5]);
            c050 = Fma(x00, b0, c050);
            c051 = Fma(x00, b1, c051);
            x00 = Vector512.Create(a[6]);
            c060 = Fma(x00, b0, c060);
            c061 = Fma(x00, b1, c061);
            x00 = Vector512.Create(a[7]);
            c070 = Fma(x00, b0, c070);
            c071 = Fma(x00, b1, c071);
            x00 = Vector512.Create(a[8]);
            c080 = Fma(x00, b0, c080);
            c081 = Fma(x00, b1, c081);
            x00 = Vector512.Create(a[9]);
            c090 = Fma(x00, b0, c090);
            c091 = Fma(x00, b1, c091);
            x00 = Vector512.Create(a[10]);
            c100 = Fma(x00, b0, c100);
            c101 = Fma(x00, b1, c101);
            x00 = Vector512.Create(a[11]);
            c110 = Fma(x00, b0, c110);
            c111 = Fma(x00, b1, c111);
            a += 12;
            b += 2 * w;
        }

        var s = Vector512.Create(alpha);
        Update(c, w, s, c000, c001);
        Update(c + ldc, w, s, c010, c011);
        Update(c + (2L * ldc), w, s, c020, c021);
        Update(c + (3L * ldc), w, s, c030, c031);
        Update(c + (4L * ldc), w, s, c040, c041);
        Update(c + (5L * ldc), w, s, c050, c051);
        Update(c + (6L * ldc), w, s, c060, c061);
        Update(c + (7L * ldc), w, s, c070, c071);
        Update(c + (8L * ldc), w, s, c080, c081);
        Update(c + (9L * ldc), w, s, c090, c091);
        Update(c + (10L * ldc), w, s, c100, c101);
        Update(c + (11L * ldc), w, s, c110, c111);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MicroKernel256<T>(int kc, T* a, T* b, T* c, int ldc, T alpha)
        where T : unmanaged, INumber<T>
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + w);
            Vector256<T> x = Vector256.Create(a[0]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            a += 6;
            b += 2 * w;
        }

        var s = Vector256.Create(alpha);
        Update(c, w, s, c00, c01);
        Update(c + ldc, w, s, c10, c11);
        Update(c + (2L * ldc), w, s, c20, c21);
        Update(c + (3L * ldc), w, s, c30, c31);
        Update(c + (4L * ldc), w, s, c40, c41);
        Update(c + (5L * ldc), w, s, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Update<T>(T* c, int w, Vector512<T> alpha, Vector512<T> left, Vector512<T> right)
        where T : unmanaged, INumber<T>
    {
        Fma(alpha, left, Vector512.Load(c)).Store(c);
        Fma(alpha, right, Vector512.Load(c + w)).Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Update<T>(T* c, int w, Vector256<T> alpha, Vector256<T> left, Vector256<T> right)
        where T : unmanaged, INumber<T>
    {
        Fma(alpha, left, Vector256.Load(c)).Store(c);
        Fma(alpha, right, Vector256.Load(c + w)).Store(c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> acc)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return (x * y) + acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
        }

        return (x * y) + acc;
    }
}
