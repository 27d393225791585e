package com.callintel.hub.sandbox.ams;

import java.util.List;

/** A SOAP fault an AMS360 operation answers with; the envelope is already rendered in the vendor's shape. */
final class Ams360Fault extends RuntimeException {

    /** One WSAPIBusinessFaultDetail: what is wrong, with which member, on which entity. */
    record Detail(String message, String dataName, String entityKey) {
    }

    static final String DISPATCHER_NS = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher";
    static final String ADDRESSING_NONE_NS = "http://schemas.microsoft.com/ws/2005/05/addressing/none";

    private final String envelope;

    private Ams360Fault(String kind, String envelope) {
        super(kind, null, false, false);
        this.envelope = envelope;
    }

    String envelope() {
        return envelope;
    }

    static Ams360Fault security(String message) {
        return new Ams360Fault("WSAPISecurityFault", Ams360Templates.securityFault(message));
    }

    static Ams360Fault business(String message, List<Detail> details) {
        return new Ams360Fault("WSAPIBusinessFault", Ams360Templates.businessFault(message, details));
    }

    static Ams360Fault general(String message) {
        return new Ams360Fault("WSAPIGeneralFault", Ams360Templates.generalFault(message));
    }

    /** WCF could not read a member of the request into its XSD type (a bad guid, date or duration). */
    static Ams360Fault cannotDeserialize(String value, String xsdType) {
        return new Ams360Fault("DeserializationFailed", Ams360Templates.dispatcherFault(DISPATCHER_NS,
                "DeserializationFailed", "The formatter threw an exception while trying to deserialize the message: "
                        + "There was an error while trying to deserialize parameter " + SoapRequest.WSAPI_NS
                        + ":Request. The InnerException message was 'The value '" + value
                        + "' cannot be parsed as the type '" + xsdType + "'.'.  Please see InnerException for more details."));
    }

    /** The body's element is not the operation the SOAPAction names, in the WSDL's namespace. */
    static Ams360Fault unexpectedBody(String operation, String foundName, String foundNamespace) {
        return new Ams360Fault("DeserializationFailed", Ams360Templates.dispatcherFault(DISPATCHER_NS,
                "DeserializationFailed", "OperationFormatter encountered an invalid Message body. Expected to find node "
                        + "type 'Element' with name '" + operation + "' and namespace '" + SoapRequest.WSAPI_NS
                        + "'. Found node type 'Element' with name '" + foundName + "' and namespace '"
                        + foundNamespace + "'"));
    }

    /** WCF's answer to a SOAPAction no operation of the contract carries. */
    static Ams360Fault actionNotSupported(String action) {
        return new Ams360Fault("ActionNotSupported", Ams360Templates.dispatcherFault(ADDRESSING_NONE_NS,
                "ActionNotSupported", "The message with Action '" + action + "' cannot be processed at the receiver, "
                        + "due to a ContractFilter mismatch at the EndpointDispatcher. This may be because of either a "
                        + "contract mismatch (mismatched Actions between sender and receiver) or a binding/security "
                        + "mismatch between the sender and the receiver.  Check that sender and receiver have the same "
                        + "contract and the same binding (including security requirements, e.g. Message, Transport, None)."));
    }
}
