package org.cec.portal.directory.internal.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;

/**
 * The fictional demonstration contractors (source {@code demo}): 20 around each of ten city centres,
 * generated from a fixed seed, so every installation gets the same 200. Names end in "(Demo)",
 * websites and emails are under {@code example.org}/{@code example.com}, phones are 555-01xx numbers.
 * Around 94110 (San Francisco) the first six offer {@code solar-pv} and speak Spanish within 15 miles;
 * some certifications are expired, some insurance has lapsed and the last contractor of each city is
 * inactive.
 */
public final class DemoContractors {

    /** How many there are. */
    public static final int COUNT = 200;

    static final long SEED = 20_261_202L;
    static final LocalDate VERIFIED = LocalDate.of(2026, 11, 2);
    static final LocalDate EXPIRED = LocalDate.of(2025, 6, 30);

    private record Hub(String key, String zip, String state, String area, String licenceClass, List<String> near) {}

    private static final List<Hub> HUBS = List.of(
            new Hub("sf", "94110", "CA", "415", "C-46 Solar", List.of("94110", "94103", "94112", "94114", "94124")),
            new Hub("la", "90012", "CA", "213", "C-10 Electrical", List.of("90012", "90013", "90014", "90015")),
            new Hub("sea", "98101", "WA", "206", "Electrical Contractor", List.of("98101", "98104", "98121")),
            new Hub("phx", "85004", "AZ", "602", "CR-11 Electrical", List.of("85004", "85003", "85006")),
            new Hub("den", "80202", "CO", "303", "Electrical Contractor", List.of("80202", "80203", "80204")),
            new Hub("aus", "78701", "TX", "512", "TECL Electrical", List.of("78701", "78702", "78703")),
            new Hub("chi", "60601", "IL", "312", "Electrical Contractor", List.of("60601", "60602", "60605")),
            new Hub("bos", "02108", "MA", "617", "Construction Supervisor", List.of("02108", "02109", "02111")),
            new Hub("nyc", "10001", "NY", "212", "Home Improvement", List.of("10001", "10011", "10018")),
            new Hub("mia", "33130", "FL", "305", "EC Electrical", List.of("33130", "33129", "33131")));

    private static final List<String> SERVICES = List.of(
            "solar-pv",
            "battery-storage",
            "heat-pump",
            "heat-pump-water-heater",
            "insulation-air-sealing",
            "ev-charger",
            "home-energy-audit",
            "panel-upgrade");

    private static final String[] FIRST = {
        "Amber", "Bluebird", "Cedar", "Cobalt", "Daybreak", "Evergreen", "Firefly", "Granite", "Harbor", "Juniper",
        "Kestrel", "Lantern", "Meadow", "Northstar", "Orchard", "Pinecone", "Quartz", "Redwood", "Saffron", "Tidewater",
        "Upland", "Willow", "Zephyr", "Copper", "Marigold"
    };
    private static final String[] SECOND = {
        "Lane", "Ridge", "Valley", "Brook", "Field", "Hollow", "Point", "Grove", "Mesa", "Harbor"
    };
    private static final String[] TRADE = {
        "Solar", "Energy Works", "Heat & Air", "Home Performance", "Electric", "Clean Power", "Efficiency Co."
    };
    private static final String[] OTHER_LANGUAGES = {"zh", "vi", "tl", "ko", "ru", "pt"};

    private DemoContractors() {}

    /** The 200 demonstration contractors, their bases around the centroids of the ten city ZIPs. */
    public static List<Contractor> generate(ZipCentroids zips) {
        Random random = new Random(SEED);
        Set<String> names = new HashSet<>();
        List<Contractor> out = new ArrayList<>(COUNT);
        for (Hub hub : HUBS) {
            GeoPoint centre = zips.centroid(hub.zip())
                    .orElseThrow(() -> new IllegalStateException("The ZIP list has no " + hub.zip()));
            for (int i = 0; i < 20; i++) {
                out.add(contractor(hub, centre, i, random, names));
            }
        }
        return List.copyOf(out);
    }

    private static Contractor contractor(Hub hub, GeoPoint centre, int i, Random random, Set<String> names) {
        boolean spanishSolar = hub.key().equals("sf") && i < 6;
        double miles = spanishSolar ? 0.5 + random.nextDouble() * 14 : 0.5 + random.nextDouble() * 19;
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = centre.latitude() + miles * Math.cos(bearing) / 69.09;
        double lon = centre.longitude() + miles * Math.sin(bearing) / (69.09 * Math.cos(Math.toRadians(lat)));
        GeoPoint base = new GeoPoint(round(lat), round(lon));

        Set<String> services = new TreeSet<>();
        if (spanishSolar) {
            services.add("solar-pv");
        }
        int count = 1 + random.nextInt(3);
        while (services.size() < count) {
            services.add(SERVICES.get(random.nextInt(SERVICES.size())));
        }
        Set<String> languages = new LinkedHashSet<>(List.of("en"));
        if (spanishSolar || random.nextInt(2) == 0) {
            languages.add("es");
        }
        if (random.nextInt(5) == 0) {
            languages.add(OTHER_LANGUAGES[random.nextInt(OTHER_LANGUAGES.length)]);
        }

        String name;
        do {
            name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)] + " "
                    + TRADE[random.nextInt(TRADE.length)] + " (Demo)";
        } while (!names.add(name));
        String slug = name.replace(" (Demo)", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replace("&", "and")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");

        // Every seventh serves only a list of ZIP codes near the centre; the others a radius.
        boolean byList = i % 7 == 3;
        double radius = byList ? 0 : 20 + random.nextInt(21);
        Set<String> served = byList ? new TreeSet<>(hub.near()) : Set.of();

        boolean expired = i % 5 == 2;
        List<Certification> certs = new ArrayList<>();
        if (services.contains("solar-pv") || services.contains("battery-storage")) {
            certs.add(new Certification(
                    "NABCEP PV Installation Professional",
                    "PV-" + (100_000 + random.nextInt(900_000)),
                    "NABCEP",
                    expired ? EXPIRED : LocalDate.of(2027 + random.nextInt(3), 1 + random.nextInt(12), 28)));
        }
        if (services.contains("heat-pump")
                || services.contains("insulation-air-sealing")
                || services.contains("home-energy-audit")
                || services.contains("heat-pump-water-heater")) {
            certs.add(new Certification(
                    "BPI Building Analyst",
                    "BA-" + (10_000 + random.nextInt(90_000)),
                    "BPI",
                    expired && certs.isEmpty() ? EXPIRED : LocalDate.of(2027 + random.nextInt(3), 6, 30)));
        }
        List<Licence> licences = List.of(new Licence(
                hub.state(),
                "DEMO-" + (10_000 + random.nextInt(90_000)),
                hub.licenceClass(),
                LocalDate.of(2027 + random.nextInt(2), 12, 31)));
        LocalDate insured = i % 9 == 4 ? LocalDate.of(2026, 6, 30) : LocalDate.of(2027, 1 + random.nextInt(12), 1);

        String website = i % 4 == 3 ? "" : "https://" + slug + (i % 2 == 0 ? ".example.org" : ".example.com") + "/";
        String email = i % 3 == 2 ? "" : "hello@" + slug + ".example.com";
        String phone = "(" + hub.area() + ") 555-01" + String.format("%02d", i);
        String description = "A fictional contractor of the demonstration data: it shows how the directory works."
                + " Offers " + String.join(", ", services) + ".";

        return new Contractor(
                "demo-" + hub.key() + "-" + String.format("%02d", i + 1),
                name,
                services,
                null,
                base,
                radius,
                served,
                certs,
                licences,
                insured,
                languages,
                description,
                website,
                phone,
                email,
                i != 19,
                Contractor.DEMO,
                VERIFIED);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1_000_000d) / 1_000_000d;
    }
}
