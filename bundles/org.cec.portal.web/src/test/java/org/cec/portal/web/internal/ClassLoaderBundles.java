package org.cec.portal.web.internal;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;

/** Bundles for unit tests whose entries are the resources of a class loader (the test classpath). */
final class ClassLoaderBundles {

    private static final AtomicLong IDS = new AtomicLong(1000);

    private ClassLoaderBundles() {}

    static Bundle of(ClassLoader loader) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getBundleId()).thenReturn(IDS.incrementAndGet());
        when(bundle.getSymbolicName()).thenReturn("test.bundle");
        when(bundle.findEntries(anyString(), anyString(), anyBoolean())).thenAnswer(inv -> {
            var urls = loader.getResources(inv.getArgument(0) + "/" + inv.getArgument(1));
            return urls.hasMoreElements() ? urls : null;
        });
        return bundle;
    }

    /** Translations whose shared texts are the web bundle's own (on the test classpath). */
    static PortalTranslations translations() {
        return new PortalTranslations(of(ClassLoaderBundles.class.getClassLoader()));
    }

    /** The templates and texts the test classpath offers, as one bundle's. */
    static BundleTemplates templates(PortalTranslations translations) {
        return new BundleTemplates(
                Pages.newConfiguration(ClassLoaderBundles.class.getClassLoader()), translations.common(), "test");
    }
}
