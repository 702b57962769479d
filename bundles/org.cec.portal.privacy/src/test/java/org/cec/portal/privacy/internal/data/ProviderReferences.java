package org.cec.portal.privacy.internal.data;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.cec.portal.api.privacy.PersonalDataProvider;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** The service reference of a provider registered by no bundle (its texts are then this module's). */
public final class ProviderReferences {

    private ProviderReferences() {}

    @SuppressWarnings("unchecked")
    public static ServiceReference<PersonalDataProvider> reference(long serviceId) {
        ServiceReference<PersonalDataProvider> reference = mock(ServiceReference.class);
        when(reference.getProperty(Constants.SERVICE_ID)).thenReturn(serviceId);
        return reference;
    }
}
