package io.meridian.routing;

import java.util.List;

/**
 * The great-circle {@link LatencyEstimator.Bound}. Endpoints are stored as unit vectors, so
 * ranking a client against N endpoints costs one set of client trigonometry plus N dot products;
 * the haversine term h = (1 - dot) / 2 grows with distance, and only the winner's milliseconds
 * (2 * R * asin(sqrt(h)) * inflation / speed * 2) are ever needed.
 */
final class GreatCircleLatency implements LatencyEstimator.Bound {
    static final double EARTH_RADIUS_KM = 6371.0;

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final boolean[] known;
    private final double msPerKmRoundTrip;

    GreatCircleLatency(List<Endpoint> endpoints, double fibreKmPerMs, double pathInflation) {
        if (!(fibreKmPerMs > 0)) {
            throw new IllegalArgumentException("fibreKmPerMs: " + fibreKmPerMs + " (expected: > 0)");
        }
        if (!(pathInflation >= 1)) {
            throw new IllegalArgumentException("pathInflation: " + pathInflation + " (expected: >= 1)");
        }
        int n = endpoints.size();
        x = new double[n];
        y = new double[n];
        z = new double[n];
        known = new boolean[n];
        for (int i = 0; i < n; i++) {
            GeoPoint p = endpoints.get(i).location();
            if (p != null) {
                double[] v = unit(p);
                x[i] = v[0];
                y[i] = v[1];
                z[i] = v[2];
                known[i] = true;
            }
        }
        msPerKmRoundTrip = 2 * pathInflation / fibreKmPerMs;
    }

    @Override
    public double millis(GeoPoint client, int index) {
        if (!known[index]) {
            return Double.POSITIVE_INFINITY;
        }
        double[] c = unit(client);
        return millisFromHaversine(haversine(c[0], c[1], c[2], index));
    }

    @Override
    public int fastest(GeoPoint client, int[] candidates, int skip) {
        double lat = Math.toRadians(client.lat());
        double lon = Math.toRadians(client.lon());
        double cosLat = Math.cos(lat);
        double cx = cosLat * Math.cos(lon);
        double cy = cosLat * Math.sin(lon);
        double cz = Math.sin(lat);
        int best = -1;
        double bestH = Double.POSITIVE_INFINITY;
        for (int index : candidates) {
            if (index == skip) {
                continue;
            }
            double h = known[index] ? haversine(cx, cy, cz, index) : Double.POSITIVE_INFINITY;
            if (best < 0 || h < bestH) {
                best = index;
                bestH = h;
            }
        }
        return best;
    }

    /** Great-circle distance in km between two points (haversine). */
    static double distanceKm(GeoPoint a, GeoPoint b) {
        double[] u = unit(a);
        double[] v = unit(b);
        double h = Math.max(0, (1 - (u[0] * v[0] + u[1] * v[1] + u[2] * v[2])) / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private double haversine(double cx, double cy, double cz, int i) {
        return Math.max(0, (1 - (cx * x[i] + cy * y[i] + cz * z[i])) / 2);
    }

    private double millisFromHaversine(double h) {
        double km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
        return km * msPerKmRoundTrip;
    }

    private static double[] unit(GeoPoint p) {
        double lat = Math.toRadians(p.lat());
        double lon = Math.toRadians(p.lon());
        double cosLat = Math.cos(lat);
        return new double[] {cosLat * Math.cos(lon), cosLat * Math.sin(lon), Math.sin(lat)};
    }
}
