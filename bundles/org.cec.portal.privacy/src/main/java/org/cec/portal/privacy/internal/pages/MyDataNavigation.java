package org.cec.portal.privacy.internal.pages;

import org.cec.portal.api.web.NavigationItem;
import org.osgi.service.component.annotations.Component;

/** "My data" in the site navigation and on the home page: where a person sees and deletes their data. */
@Component
public final class MyDataNavigation implements NavigationItem {

    @Override
    public String label() {
        return "%privacy.nav.label";
    }

    @Override
    public String path() {
        return MyDataRequestPage.PATH;
    }

    @Override
    public String description() {
        return "%privacy.nav.description";
    }

    @Override
    public int rank() {
        return 90;
    }
}
