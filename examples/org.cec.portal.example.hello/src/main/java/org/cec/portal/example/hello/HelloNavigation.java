package org.cec.portal.example.hello;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/** The example page's entry in the portal navigation and on the home page. */
@Component
public final class HelloNavigation implements NavigationItem {

    @Override
    public String label() {
        return "Partner hello";
    }

    @Override
    public String path() {
        return HelloPage.PATH;
    }

    @Override
    public String description() {
        return "A page contributed by a partner plugin, installed at runtime.";
    }

    @Override
    public int rank() {
        return 900;
    }
}
